"""Leakage checks that can fail: change the input after each user's early
window and see that no early feature moves, while the label does.

A data test on the model's own output ("the last early event is inside the
window") is true by the model's own filter, whatever the features do; this
test deletes every event after each user's early window from the sample
file, rebuilds, and compares every early feature with the sample build.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from ..conftest import ROOT, Warehouse

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample" / "sample_fan_engagements.csv"


def test_deleting_every_later_event_changes_no_early_feature(
    dbt_runner, sample_warehouse, tmp_path
):
    later = sample_warehouse.query(
        "select engagements.engagement_id"
        " from main_intermediate.int_fan_engagements_cleaned as engagements"
        " inner join main_intermediate.int_fan_user_early_features as early"
        "  on engagements.user_id = early.user_id"
        " where engagements.engaged_at >= early.early_window_ends_at"
    ).engagement_id
    assert len(later) > 1000
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    dropped = set(later)  # engagement_id = the row's position in the file
    kept = [rows[0]] + [row for n, row in enumerate(rows[1:], 1) if n not in dropped]
    path = tmp_path / "early_only.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(kept)
    as_of = sample_warehouse.query(
        "select as_of_at from main_intermediate.int_fan_as_of"
    ).as_of_at[0]
    result = dbt_runner(
        tmp_path / "early_only.duckdb",
        "build",
        "--select",
        "+int_fan_user_early_features",
        "+int_fan_user_labels",
        "--indirect-selection",
        "cautious",
        # The same "now", so windows and labels are judged at the same date.
        vars_={"engagements_path": str(path), "fans_as_of_date": str(as_of)},
    )
    assert result.returncode == 0, result.output[-4000:]
    query = (
        "select * from main_intermediate.int_fan_user_early_features order by user_id"
    )
    before = sample_warehouse.query(query)
    after = Warehouse(tmp_path / "early_only.duckdb").query(query)
    features = [c for c in before.columns if c.startswith("feature_")]
    assert len(features) >= 9
    pd.testing.assert_frame_equal(
        before[["user_id", "first_engaged_at", *features]],
        after[["user_id", "first_engaged_at", *features]],
    )
    labels = (
        "select user_id, is_engaged_later from main_intermediate.int_fan_user_labels"
    )
    label_before = sample_warehouse.query(labels).set_index("user_id")
    label_after = Warehouse(tmp_path / "early_only.duckdb").query(labels)
    assert label_before.is_engaged_later.sum() > 100
    assert not label_after.is_engaged_later.any()  # the label did change
