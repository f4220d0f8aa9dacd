"""The HTML report: a section per domain with its tables and every picture
embedded (no network needed), and a warehouse without data says so per
domain instead of failing."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from audience_warehouse.io.pictures import PICTURES
from audience_warehouse.io.report import SECTIONS, main, render_report

from ..browser import IMAGES_JS, artefacts_dir, open_page


@pytest.fixture(scope="module")
def report_file(sample_warehouse, tmp_path_factory) -> Path:
    """The report of the sample warehouse, written by the command's code."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["--db", str(sample_warehouse.path), "--out", str(out)]) == 0
    return out


@pytest.mark.dbt
def test_the_report_has_every_section_table_and_chart(report_file):
    page = report_file.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section.domain}">' in page, section.domain
    charts = dict(
        re.findall(r'data-chart="([^"]+)"><img alt="[^"]*" src="([^"]+)"', page)
    )
    assert sorted(charts) == sorted(PICTURES)
    for name, source in charts.items():
        assert source.startswith("data:image/png;base64,"), name
        assert len(source) > 5_000, f"{name} looks empty"
    assert page.count("<table>") == sum(len(s.tables) for s in SECTIONS)
    assert 'class="empty"' not in page
    # Self-contained: nothing is fetched from anywhere.
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_a_warehouse_without_data_says_so_per_domain(tmp_path):
    database = tmp_path / "empty.duckdb"
    duckdb.connect(str(database)).close()
    page = render_report(database)
    for section in SECTIONS:
        block = page.split(f'<section id="{section.domain}">', 1)[1]
        block = block.split("</section>", 1)[0]
        assert "No data yet" in block, section.domain
        assert "<img" not in block
    assert "dim_campaigns is not built" in page
    assert "ads_campaigns.png: a table it reads is not built" in page


def test_a_built_but_empty_mart_is_told_apart_from_a_missing_one(tmp_path):
    database = tmp_path / "empty_marts.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.sql("create table main.dim_campaigns (campaign_id bigint)")
        connection.sql(
            "create table main.fct_ad_conversion_model_metrics (target_name text,"
            " model_name text, simplicity_rank integer,"
            " validation_mean_absolute_error double, test_mean_absolute_error double,"
            " test_root_mean_squared_error double, test_r_squared double,"
            " is_served boolean, served_reason text)"
        )
    page = render_report(database)
    assert "fct_ad_conversion_model_metrics is built but has no rows" in page
    assert "ads_model_metrics.png: a table it reads has no rows" in page
    # a mart without the columns the report reads is named, with DuckDB's words
    assert "dim_campaigns could not be read: Binder Error" in page
    assert "dim_segments is not built" in page


@pytest.mark.dbt
def test_the_report_in_a_browser_shows_every_section_and_chart(report_file):
    """Opened from the file in headless Chromium with every network request
    refused: no console error, every section shown, every chart decoded and
    not blank, every table filled. Screenshots go to test-artifacts/report/."""
    shots = artefacts_dir("report")
    requests: list[str] = []
    with open_page() as (page, log):
        page.route(
            "http*://**/*",
            lambda route: (requests.append(route.request.url), route.abort()),
        )
        page.goto(report_file.as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=shots / "report_top.png")
        for section in SECTIONS:
            block = page.locator(f"section#{section.domain}")
            assert block.is_visible(), section.domain
            assert block.locator("h2").inner_text() == section.title
            assert block.locator("table").count() == len(section.tables)
            for table in block.locator("table").all():
                assert table.locator("tr").count() > 1, section.domain
            block.screenshot(path=shots / f"report_{section.domain}.png")
        images = page.evaluate(IMAGES_JS, "figure[data-chart] img")
        charts = page.eval_on_selector_all(
            "figure[data-chart]", "els => els.map(e => e.dataset.chart)"
        )
        # A decoded chart that is not one flat colour: sample its pixels.
        blank = page.evaluate(BLANK_CHARTS_JS)
        # The view the README shows (docs/screenshots/report.png is a copy).
        page.set_viewport_size({"width": 1280, "height": 1500})
        page.evaluate("document.querySelector('section#interests').scrollIntoView()")
        page.screenshot(path=shots / "report_interests_view.png")
    assert sorted(charts) == sorted(PICTURES)
    broken = [image["src"][:40] for image in images if image["width"] < 200]
    assert not broken and len(images) == len(PICTURES), broken
    assert not blank, f"charts drawn blank: {blank}"
    assert not requests, f"the report fetched {requests}"
    assert not log.console_errors and not log.page_errors, log


# Draw each chart on a canvas and count its distinct colours on a coarse grid.
BLANK_CHARTS_JS = """
() => Array.from(document.querySelectorAll('figure[data-chart] img')).filter(img => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) {
        colours.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
    }
    return colours.size < 3;
}).map(img => img.closest('figure').dataset.chart)
"""


def test_cells_read_as_a_reader_wants_them():
    import pandas as pd

    from audience_warehouse.core.pictures import readable
    from audience_warehouse.io.report import cell_text, column_scale

    assert cell_text("campaign_id", 1178) == ("1178", "number")
    assert cell_text("impressions", 12648282) == ("12,648,282", "number")
    assert cell_text("spend", 4100.4) == ("4,100", "number")
    assert cell_text("cost_per_click", 1.4412) == ("1.44", "number")
    assert cell_text("share", 0.7) == ("0.700", "number")
    # rates and shares as percentages, one precision per column
    assert cell_text("click_through_rate", 0.000216) == ("0.0216%", "number")
    assert cell_text("user_share", 0.291) == ("29.1%", "number")
    assert cell_text("share_of_spend", 0.014, 0.4) == ("1.4%", "number")
    assert cell_text("hit_rate", 1.0) == ("100.0%", "number")
    assert cell_text("rate", float("nan")) == ("", "number")
    assert cell_text("cut_at", pd.NaT) == ("", "text")
    assert cell_text("cut_at", pd.Timestamp("2026-03-08")) == ("2026-03-08", "text")
    assert cell_text("is_weak", True) == ("True", "text")
    # a count held as a float reads as a count; one precision per column
    assert cell_text("superfan_engagement_count", 70.0) == ("70", "number")
    assert cell_text("superfan_engagement_count", 2.5) == ("2.50", "number")
    scale = column_scale([82.63, 131.0, 105.2, float("nan")])
    assert [cell_text("clv", v, scale)[0] for v in (82.63, 131.0)] == ["83", "131"]
    assert column_scale(["a", None]) is None
    # codes read as words; keys and the platform's names stay as they are
    assert cell_text("model_name", "baseline_base_rate") == (
        "base rate (baseline)",
        "text",
    )
    assert cell_text("evaluation", "out_of_time") == ("out of time", "text")
    assert cell_text("audience_key", "video_watched_3s_30d") == (
        "video_watched_3s_30d",
        "text",
    )
    assert cell_text("objective", "APP_INSTALLS") == ("APP_INSTALLS", "text")
    assert cell_text("page_name", "paws_and_claws") == ("paws_and_claws", "text")
    assert readable("baseline_training_median") == "training median (baseline)"
    assert readable("feature_click_through_rate") == "click through rate"


def test_rows_are_listed_alike_whatever_order_the_table_holds_them(tmp_path):
    """A table has no order: the report sorts, so two warehouses holding
    the same rows in another order give the same page."""
    pages = []
    for name, order in (("a", "asc"), ("b", "desc")):
        database = tmp_path / f"{name}.duckdb"
        with duckdb.connect(str(database)) as connection:
            connection.sql(
                "create table main.fct_interest_ad_choice_check as"
                " select * from (values ('ad_rule', 0.8), ('own_top_category', 0.7))"
                f" as t (method, hit_rate) order by method {order}"
            )
        pages.append(render_report(database).replace(f"{name}.duckdb", ""))
    assert pages[0] == pages[1]
    assert pages[0].index("ad rule") < pages[0].index("own top category")
    # the chart of this mart reads columns the fixture lacks: it says so
    assert "interests_ad_check.png could not be drawn: AttributeError" in pages[0]


def test_a_chart_missing_a_column_says_it_could_not_be_drawn(tmp_path):
    """A KeyError is a LookupError: it must not read as 'no data yet'."""
    database = tmp_path / "other_columns.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.sql("create table main.dim_campaigns as select 1.0 as spend")
    page = render_report(database)
    assert "ads_campaigns.png could not be drawn: KeyError" in page
