"""The pictures are where people look: every picture is drawn from a mart,
shown in that mart's description on the docs site and in the README, and
declared by its domain's exposure; the docs site opens on an overview."""

from __future__ import annotations

import json
import re

import pytest

from audience_warehouse.io.pictures import PICTURES

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


@pytest.mark.dbt
def test_the_docs_site_has_an_overview_pictures_and_exposures(sample_warehouse):
    manifest = json.loads(
        (sample_warehouse.path.parent / "target" / "manifest.json").read_text()
    )
    overview = manifest["docs"]["doc.audience_warehouse.__overview__"]
    for domain in ["ads", "segmentation", "fans", "audiences", "interests"]:
        assert f"**{domain}**" in overview["block_contents"], domain
    exposures = {node["name"]: node for node in manifest["exposures"].values()}
    for name, (queries, _) in PICTURES.items():
        exposure = exposures[f"{name.split('_')[0]}_pictures"]
        parents = {node.split(".")[-1] for node in exposure["depends_on"]["nodes"]}
        assert set(read_tables(queries)) <= parents, name
        mart = re.search(r"from main\.(\w+)", " ".join(queries)).group(1)
        model = manifest["nodes"][f"model.audience_warehouse.{mart}"]
        assert f"(docs/images/{name})" in model["description"], name
    project = (ROOT / "dbt_project.yml").read_text()
    assert 'asset-paths: ["docs/images"]' in project
