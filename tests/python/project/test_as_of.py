"""One event dated years ahead cannot move "now".

In each domain with an as-of time (audiences: membership windows; fans:
recency and labels), one valid event dated 2099-06-01 (inside the plausible
range of event times) is added to the sample. "Now" stays where the sample
puts it, the event is counted as out of scope, the rule says so in words,
and the memberships are those of the sample. One build for both domains."""

from __future__ import annotations

import csv
import shutil

import pytest

from ..conftest import ROOT, Warehouse

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample"
FUTURE = "2099-06-01 00:00:00"


def _with_one_future_row(seed: str, row: dict[str, str], path) -> None:
    shutil.copy(SAMPLE / f"{seed}.csv", path)
    with (SAMPLE / f"{seed}.csv").open(newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([row[c] for c in header])


def test_one_event_dated_years_ahead_moves_no_domains_now(
    dbt_runner, sample_warehouse, tmp_path
) -> None:
    website = tmp_path / "website_events.csv"
    _with_one_future_row(
        "sample_audience_website_events",
        {"person_id": "544", "page_type": "menu", "visited_at": FUTURE},
        website,
    )
    engagements = tmp_path / "engagements.csv"
    _with_one_future_row(
        "sample_fan_engagements",
        {
            "user_id": "1427",
            "page_id": "12",
            "post_id": "661",
            "engagement_type": "like",
            "engaged_at": FUTURE,
        },
        engagements,
    )
    database = tmp_path / "future.duckdb"
    result = dbt_runner(
        database, "build",
        "--select", "+int_audience_memberships", "+int_fan_as_of",
        "--resource-type", "seed", "--resource-type", "model",
        vars_={
            "website_events_path": str(website),
            "engagements_path": str(engagements),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    built = Warehouse(database)

    for model in ("int_audience_as_of", "int_fan_as_of"):
        query = f"select * from main_intermediate.{model}"
        expected = sample_warehouse.query(query).iloc[0]
        got = built.query(query).iloc[0]
        assert expected.events_after_as_of == 0, model
        assert got.as_of_at == expected.as_of_at, model
        assert str(got.latest_event_at) == FUTURE, model
        assert got.events_after_as_of == 1, model
        assert "1 later event(s), up to 2099-06-01" in got.as_of_rule, model

    memberships = (
        "select audience_key, count(*) as members from"
        " main_intermediate.int_audience_memberships group by 1 order by 1"
    )
    assert built.query(memberships).equals(sample_warehouse.query(memberships))
