"""The pictures are where people look: every picture is drawn from a mart,
shown in that mart's description on the docs site and in the README, and
declared by its domain's exposure; the docs site opens on an overview."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from audience_warehouse.io.pictures import PICTURES
from audience_warehouse.io.report import SECTIONS, mart_query

from .. import conftest
from ..browser import IMAGES_JS, artefacts_dir, open_page, serve
from ..conftest import ROOT

IMAGES = ROOT / "docs" / "images"


def read_tables(queries: list[str]) -> list[str]:
    return [
        match.group(2)
        for query in queries
        for match in re.finditer(r"from (main|main_intermediate)\.(\w+)", query)
    ]


def test_every_picture_file_is_drawn_and_every_drawing_is_committed():
    assert sorted(path.name for path in IMAGES.glob("*.png")) == sorted(PICTURES)


def test_every_picture_is_in_the_readme_and_in_its_marts_description():
    readme = (ROOT / "README.md").read_text()
    marts_yaml = "\n".join(
        path.read_text() for path in (ROOT / "models" / "marts").rglob("*.yml")
    )
    missing = [
        name
        for name in PICTURES
        if f"docs/images/{name}" not in readme
        or f"(docs/images/{name})" not in marts_yaml
    ]
    assert not missing, f"pictures not shown: {missing}"


def test_the_readme_shows_a_screenshot_of_the_report():
    screenshot = ROOT / "docs" / "screenshots" / "report.png"
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "(docs/screenshots/report.png)" in (ROOT / "README.md").read_text()


@pytest.fixture(scope="module")
def docs_site(sample_warehouse, tmp_path_factory) -> Path:
    """`dbt docs generate` on a copy of the built sample: the site's folder."""
    copy = conftest.writable_copy(sample_warehouse, tmp_path_factory.mktemp("docs"))
    result = conftest.run_dbt(copy.path, "docs", "generate", write_json=True)
    assert result.returncode == 0, result.output[-4000:]
    return copy.path.parent / "target"


def picture_mart(queries: list[str]) -> str:
    """The mart a picture is shown beside: the first mart its queries read."""
    return re.search(r"from main\.(\w+)", " ".join(queries)).group(1)


@pytest.mark.dbt
def test_every_model_seed_and_column_is_documented(docs_site):
    """The catalog has a description for every model, seed, source and column."""
    manifest = json.loads((docs_site / "manifest.json").read_text())
    catalog = json.loads((docs_site / "catalog.json").read_text())
    missing = []
    for unique_id, entry in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(unique_id) or manifest["sources"][unique_id]
        if not node.get("description", "").strip():
            missing.append(unique_id)
        documented = {
            name.lower()
            for name, column in node["columns"].items()
            if column.get("description", "").strip()
        }
        missing += [
            f"{unique_id}.{name}"
            for name in entry["columns"]
            if name.lower() not in documented
        ]
    assert not missing, "undocumented: " + ", ".join(sorted(missing))


@pytest.mark.dbt
def test_the_docs_site_has_an_overview_pictures_and_exposures(docs_site):
    # dbt copies the pictures beside the site (asset-paths).
    assert (docs_site / "docs" / "images" / "interests_pca.png").is_file()
    manifest = json.loads((docs_site / "manifest.json").read_text())
    overview = manifest["docs"]["doc.audience_warehouse.__overview__"]
    for domain in ["ads", "segmentation", "fans", "audiences", "interests"]:
        assert f"**{domain}**" in overview["block_contents"], domain
    exposures = {node["name"]: node for node in manifest["exposures"].values()}

    def parents(domain: str) -> set[str]:
        exposure = exposures[f"{domain}_report"]
        return {node.split(".")[-1] for node in exposure["depends_on"]["nodes"]}

    # Each report section's exposure names every mart the section reads:
    # its key tables and its pictures.
    assert sorted(exposures) == sorted(f"{s.domain}_report" for s in SECTIONS)
    for section in SECTIONS:
        tables = read_tables([mart_query(table) for _, table in section.tables])
        assert set(tables) <= parents(section.domain), section.domain
    for name, (queries, _) in PICTURES.items():
        assert set(read_tables(queries)) <= parents(name.split("_")[0]), name
        model = manifest["nodes"][f"model.audience_warehouse.{picture_mart(queries)}"]
        assert f"(docs/images/{name})" in model["description"], name
    project = (ROOT / "dbt_project.yml").read_text()
    assert 'asset-paths: ["docs/images"]' in project


# dbt-docs' own page asks for two URLs that are templates nobody rendered:
# `{{ getIcon(...) }}` (an Angular `src` where `ng-src` was meant) and
# `${require('./assets/favicons/favicon.ico')}` (a webpack placeholder). Their
# 404s (or their requests cut off by the next navigation) are not ours; only
# those are forgiven, each console "Failed to load resource" against one of
# their 404s.
UNRENDERED_TEMPLATES = ("/%7B%7B", "/$%7Brequire(")


def unexplained_errors(log) -> list[str]:  # type: ignore[no-untyped-def]
    theirs = [r for r in log.bad_responses if any(t in r for t in UNRENDERED_TEMPLATES)]
    ours = [r for r in log.bad_responses if r not in theirs]
    console = [
        text
        for text in log.console_errors
        if not text.startswith("Failed to load resource")
    ]
    resource_errors = len(log.console_errors) - len(console)
    their_404s = sum(r.startswith("404 ") for r in theirs)
    extra = max(0, resource_errors - their_404s)
    return console + ours + log.page_errors + ["unexplained 404"] * extra


@pytest.mark.dbt
def test_the_docs_site_in_a_browser_shows_the_overview_and_every_picture(docs_site):
    """The generated site served on localhost in headless Chromium: the
    overview names every domain, and each mart with a picture shows it
    loaded beside the model. Screenshots go to test-artifacts/docs/."""
    shots = artefacts_dir("docs")
    missing = []
    with serve(docs_site) as base, open_page() as (page, log):
        page.goto(f"{base}/index.html#!/overview")
        page.wait_for_load_state("networkidle")
        overview = page.locator(".app-details").first.inner_text()
        page.screenshot(path=shots / "docs_overview.png")
        for name, (queries, _) in PICTURES.items():
            mart = picture_mart(queries)
            page.goto(f"{base}/index.html#!/model/model.audience_warehouse.{mart}")
            image = page.locator(f'img[src="docs/images/{name}"]')
            image.wait_for(state="attached", timeout=15_000)
            image.scroll_into_view_if_needed()
            [loaded] = page.evaluate(IMAGES_JS, f'img[src="docs/images/{name}"]')
            if not loaded["complete"] or loaded["width"] < 200:
                missing.append(name)
            if name.endswith(("_pca.png", "_classifier.png", "_segments.png",
                              "_scores.png", "_cluster_profiles.png")):  # fmt: skip
                page.screenshot(path=shots / f"docs_{mart}.png")
        errors = unexplained_errors(log)
    for domain in ["ads", "segmentation", "fans", "audiences", "interests"]:
        assert domain in overview, domain
    assert not missing, f"pictures not shown on the docs site: {missing}"
    assert not errors, errors
