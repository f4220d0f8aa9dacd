"""Leakage checks that can fail: change the input and see that no early
feature moves where it must not, while the label does.

A data test on the model's own output ("the last early event is inside the
window") is true by the model's own filter, whatever the features do; these
tests delete events from the sample file, rebuild, and compare features
with the sample build:
- every event after each user's own early window: every per-user early
  feature is unchanged, and the label changes;
- every event at or after a date: every feature, the network features
  included (they count other users' events up to the end of the user's
  window), is unchanged for the users whose window ended by that date.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from ..conftest import ROOT, Warehouse, project_var

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample" / "sample_fan_engagements.csv"
EARLY_FEATURES = (
    "select * from main_intermediate.int_fan_user_early_features order by user_id"
)


def rebuild_without(dbt_runner, sample_warehouse, tmp_path, dropped) -> Warehouse:
    """The sample events file without the rows in ``dropped`` (engagement
    ids = row positions), rebuilt up to the early features and labels at the
    sample's as-of date."""
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [row for n, row in enumerate(rows[1:], 1) if n not in dropped]
    path = tmp_path / "fewer_events.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(kept)
    as_of = sample_warehouse.query(
        "select as_of_at from main_intermediate.int_fan_as_of"
    ).as_of_at[0]
    result = dbt_runner(
        tmp_path / "fewer.duckdb",
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
    return Warehouse(tmp_path / "fewer.duckdb")


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
    after = rebuild_without(dbt_runner, sample_warehouse, tmp_path, set(later))
    before = sample_warehouse.query(EARLY_FEATURES)
    network = set(project_var("fans_network_features"))
    features = [
        c for c in before.columns if c.startswith("feature_") and c not in network
    ]
    assert len(features) >= 9
    columns = ["user_id", "first_engaged_at", *features]
    pd.testing.assert_frame_equal(before[columns], after.query(EARLY_FEATURES)[columns])
    labels = (
        "select user_id, is_engaged_later from main_intermediate.int_fan_user_labels"
    )
    assert sample_warehouse.query(labels).is_engaged_later.sum() > 100
    assert not after.query(labels).is_engaged_later.any()  # the label changed


def test_deleting_everything_after_a_date_changes_no_feature_of_earlier_windows(
    dbt_runner, sample_warehouse, tmp_path
):
    before = sample_warehouse.query(EARLY_FEATURES)
    cut = before.early_window_ends_at.median()
    later = sample_warehouse.query(
        "select engagement_id from main_intermediate.int_fan_engagements_cleaned"
        f" where engaged_at >= timestamp '{cut}'"
    ).engagement_id
    after = rebuild_without(dbt_runner, sample_warehouse, tmp_path, set(later))
    after = after.query(EARLY_FEATURES)
    ended = set(before[before.early_window_ends_at <= cut].user_id)
    features = [c for c in before.columns if c.startswith("feature_")]
    assert set(project_var("fans_network_features")) <= set(features)
    assert len(ended) > 500
    columns = ["user_id", *features]
    pd.testing.assert_frame_equal(
        before[before.user_id.isin(ended)][columns].reset_index(drop=True),
        after[after.user_id.isin(ended)][columns].reset_index(drop=True),
    )
