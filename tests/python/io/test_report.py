"""The HTML report: a section per domain with its tables and every picture
embedded (no network needed), and a warehouse without data says so per
domain instead of failing."""

from __future__ import annotations

import re

import duckdb
import pytest

from audience_warehouse.io.pictures import PICTURES
from audience_warehouse.io.report import SECTIONS, main, render_report


@pytest.mark.dbt
def test_the_report_has_every_section_table_and_chart(sample_warehouse, tmp_path):
    out = tmp_path / "report.html"
    assert main(["--db", str(sample_warehouse.path), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
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
