"""Ads files with values that used to crash or corrupt a build: each is a
reject with a reason, the build goes on to the campaign KPIs, and the
counts add up to the lines Python's csv module reads."""

from __future__ import annotations

import pytest

from ..conftest import Warehouse, csv_row_count

pytestmark = pytest.mark.dbt

HEADER = (
    "ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,Impressions,"
    "Clicks,Spent,Total_Conversion,Approved_Conversion"
)
GOOD = "916,1,30-34,M,15,1000,5,2.5,2,1"

# (line after the ad id, expected reason or None)
CASES = [
    (GOOD, None),
    ("916,1,30-34,M,15,1000,5,1e300,2,1", "implausible_value"),
    ("916,1,30-34,M,15,9223372036854775808,5,2.5,2,1", "implausible_value"),
    ("916,1,30-34,M,15,1e300,5,2.5,2,1", "implausible_value"),
    ("916,1,30-34,M,15,1000,NaN,2.5,2,1", "missing_or_invalid_count"),
    ("916,1,30-34,M,15,1000,5,inf,2,1", "missing_or_invalid_spend"),
    ("916,1,30-34,M,15,1000,5,-Infinity,2,1", "missing_or_invalid_spend"),
    ("916,1,30-34,M,15,1000,5,2.5,2,1,extra", None),
]


def test_huge_and_non_finite_values_are_rejected_not_fatal(dbt_runner, tmp_path):
    lines = [HEADER + ",note"]
    for ad_id, (rest, _) in enumerate(CASES, start=1):
        lines.append(f"{ad_id},{rest}" + ("" if rest.endswith("extra") else ","))
    lines.append(lines[1])  # an exact copy: one is kept
    lines += [f"99,{GOOD},", f"99,{GOOD.replace('2.5', '3.5')},"]  # same id
    path = tmp_path / "ads.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw_rows = csv_row_count(path)

    result = dbt_runner(
        tmp_path / "values.duckdb",
        "build",
        "--select",
        "+dim_campaigns",
        "+int_ads_rejected",
        "--indirect-selection",
        "cautious",
        vars_={"ads_path": str(path), "reject_fail_share": 1},
    )
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(tmp_path / "values.duckdb")
    rejected = warehouse.query(
        "select ad_id, reject_reason from main_intermediate.int_ads_rejected"
    )
    clean = warehouse.query("select ad_id from main_intermediate.int_ads_cleaned")
    assert len(clean) + len(rejected) == raw_rows == len(CASES) + 3
    reasons = rejected.groupby("ad_id")["reject_reason"].apply(sorted).to_dict()
    assert reasons.pop(1) == ["exact_duplicate"]
    assert reasons.pop(99) == ["duplicate_ad_id", "duplicate_ad_id"]
    for ad_id, (_, reason) in enumerate(CASES, start=1):
        assert reasons.get(ad_id, [None]) == [reason], CASES[ad_id - 1]
    spend = warehouse.query("select sum(spend) as spend from main.dim_campaigns")
    assert spend.spend[0] == pytest.approx(5.0)


def test_a_file_without_ad_ids_numbers_its_rows(dbt_runner, tmp_path):
    # var ads_id_column empty: each row's number is its id, and an exact
    # copy (same content, another row number) is still found and rejected.
    header = HEADER.removeprefix("ad_id,")
    other = GOOD.replace("1000", "2000")
    lines = [header, GOOD, other, GOOD]
    path = tmp_path / "no_ids.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = dbt_runner(
        tmp_path / "no_ids.duckdb",
        "build",
        "--select",
        "+int_ads_rejected",
        "+int_ads_cleaned",
        "--indirect-selection",
        "cautious",
        vars_={"ads_path": str(path), "ads_id_column": "", "reject_fail_share": 1},
    )
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(tmp_path / "no_ids.duckdb")
    clean = warehouse.query(
        "select ad_id, impressions from main_intermediate.int_ads_cleaned order by 1"
    )
    assert clean.ad_id.tolist() == [1, 2]
    assert clean.impressions.tolist() == [1000, 2000]
    rejected = warehouse.query(
        "select ad_id, reject_reason from main_intermediate.int_ads_rejected"
    )
    assert rejected.values.tolist() == [[3, "exact_duplicate"]]
