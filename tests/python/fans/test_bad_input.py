"""Engagement files with every timestamp form, table-driven: each line is
a clean row with the right UTC time or a reject with the stated reason, and
the counts add up to the lines Python's csv module reads."""

from __future__ import annotations

import datetime as dt

import pytest

from ..conftest import Warehouse, csv_row_count

pytestmark = pytest.mark.dbt

UTC_TEN = dt.datetime(2026, 2, 1, 10, 0, 0)
EPOCH_SECONDS = int(UTC_TEN.replace(tzinfo=dt.UTC).timestamp())

# (engaged_at as written, expected reason or None, expected UTC time)
CASES = [
    ("2026-02-01 10:00:00", None, UTC_TEN),
    ("2026-02-01T12:00:00+02:00", None, UTC_TEN),
    ("2026-02-01 05:00:00 America/New_York", None, UTC_TEN),
    ("2026-02-01 10:00:00 UTC", None, UTC_TEN),
    (str(EPOCH_SECONDS * 1000), None, UTC_TEN),
    (str(EPOCH_SECONDS), None, UTC_TEN),
    ("2026-02-01 10:00:00 Mars/Olympus", "invalid_engaged_at", None),
    ("infinity", "invalid_engaged_at", None),
    ("yesterday", "invalid_engaged_at", None),
    ("99999999999999999999", "invalid_engaged_at", None),
    ("10000-01-01 00:00:00", "invalid_engaged_at", None),
    ("9999-06-01 00:00:00", "implausible_engaged_at", None),
    ("86400000", "implausible_engaged_at", None),
    ("2026-02-01", None, dt.datetime(2026, 2, 1)),
    ("2026-02-01T10:00", None, UTC_TEN),
    ("2026-02-01 10:00:00.000Z", None, UTC_TEN),
    ("2026-02-01 07:00:00-0300", None, UTC_TEN),
    # Zone forms with digits or signs: conventions disagree, never guessed.
    ("2026-02-01 12:00:00 UTC+02:00", "invalid_engaged_at", None),
    ("2026-02-01 05:00:00 GMT-05:00", "invalid_engaged_at", None),
    ("2026-02-01 08:00:00 Etc/GMT+2", "invalid_engaged_at", None),
    ("2026-02-01 10:00:00+99:00", "invalid_engaged_at", None),
    ("2026-02-01 10:00:00 +5", "invalid_engaged_at", None),
    ("2026-02-01 10:00:00 1", "invalid_engaged_at", None),
    ("2026-02-01 9:00:00+01:00", "invalid_engaged_at", None),
    ("-1", "invalid_engaged_at", None),
]


def test_every_timestamp_form_is_parsed_or_rejected(dbt_runner, tmp_path):
    lines = ["user_id,page_id,post_id,engagement_type,engaged_at"]
    for user, (text, _, _) in enumerate(CASES, start=1):
        lines.append(f'{user},1,1,like,"{text}"')
    lines.append(lines[1])  # an exact copy of the first event
    path = tmp_path / "engagements.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw_rows = csv_row_count(path)

    result = dbt_runner(
        tmp_path / "times.duckdb",
        "build",
        "--select",
        "+int_fan_engagements_cleaned",
        "+int_fan_engagements_rejected",
        "--indirect-selection",
        "cautious",
        vars_={"engagements_path": str(path), "reject_fail_share": 1},
    )
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(tmp_path / "times.duckdb")
    clean = warehouse.query(
        "select user_id, engaged_at from main_intermediate.int_fan_engagements_cleaned"
    ).set_index("user_id")["engaged_at"]
    rejected = warehouse.query(
        "select user_id, reject_reason"
        " from main_intermediate.int_fan_engagements_rejected"
    )
    assert len(clean) + len(rejected) == raw_rows == len(CASES) + 1
    reasons = rejected.groupby("user_id")["reject_reason"].apply(list).to_dict()
    assert reasons.pop(1) == ["exact_duplicate"]
    for user, (text, reason, expected) in enumerate(CASES, start=1):
        if reason is None:
            assert clean[user].to_pydatetime() == expected, text
        else:
            assert reasons.get(user) == [reason], text
