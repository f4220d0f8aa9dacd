"""End to end on the bundled sample: dbt build, then check the tables.

The Python package is the independent reference for the SQL that applies its
fitted parameters (cluster assignment, GLM scoring, metrics).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from audience_warehouse.core.glm import poisson_median
from audience_warehouse.core.parameters import assign_clusters, score_with_coefficients

from ..conftest import ROOT, Warehouse, rebuild_copy

pytestmark = pytest.mark.dbt

FEATURES = [
    "feature_log_impressions",
    "feature_click_through_rate",
    "feature_cost_per_mille",
    "feature_conversions_per_mille",
    "feature_approved_conversions_per_mille",
]
TARGETS = ["total_conversions", "approved_conversions"]
# The order that breaks a tie of validation MAE (docs block ads_served_method).
SIMPLEST_FIRST = [
    "baseline_training_median",
    "baseline_training_mean",
    "poisson_glm_median",
    "poisson_glm_expected",
]
PREDICTION_COLUMNS = {
    "baseline_training_median": "baseline_median_value",
    "baseline_training_mean": "baseline_mean_value",
    "poisson_glm_median": "predicted_value",
    "poisson_glm_expected": "expected_value",
}
KPIS = [
    "click_through_rate",
    "cost_per_click",
    "cost_per_mille",
    "conversion_rate",
    "cost_per_conversion",
    "cost_per_approved_conversion",
    "approval_rate",
]


def expected_kpis(
    impressions, clicks, spend, total, approved
) -> dict[str, float | None]:
    """The KPI formulas, written independently of the SQL macro."""

    def ratio(numerator, denominator):
        return None if denominator == 0 else numerator / denominator

    cpm = ratio(spend, impressions)
    return {
        "click_through_rate": ratio(clicks, impressions),
        "cost_per_click": ratio(spend, clicks),
        "cost_per_mille": None if cpm is None else 1000 * cpm,
        "conversion_rate": ratio(total, clicks),
        "cost_per_conversion": ratio(spend, total),
        "cost_per_approved_conversion": ratio(spend, approved),
        "approval_rate": ratio(approved, total),
    }


def assert_kpis_match(warehouse, raw_rows: list[dict[str, str]]) -> None:
    raw_rows = list({row["ad_id"]: row for row in raw_rows}.values())
    ids = ", ".join(row["ad_id"] for row in raw_rows)
    marts = warehouse.query(
        f"select * from main.fct_ad_performance where ad_id in ({ids})"
    ).set_index("ad_id")
    assert len(marts) == len(raw_rows)
    for row in raw_rows:
        mart = marts.loc[int(row["ad_id"])]
        expected = expected_kpis(
            int(row["Impressions"]),
            int(row["Clicks"]),
            float(row["Spent"]),
            int(row["Total_Conversion"]),
            int(row["Approved_Conversion"]),
        )
        for kpi, value in expected.items():
            if value is None:
                assert mart[kpi] is None or math.isnan(mart[kpi]), (row["ad_id"], kpi)
            else:
                assert mart[kpi] == pytest.approx(value, rel=1e-9), (row["ad_id"], kpi)


def test_rows_reconcile_and_every_dirty_kind_is_rejected(sample_warehouse):
    counts = sample_warehouse.query(
        """
        select
            (select count(*) from main_staging.stg_facebook_ads__ads) as raw_rows,
            (select count(*) from main_intermediate.int_ads_cleaned) as clean_rows,
            (select count(*) from main_intermediate.int_ads_rejected) as rejected_rows
        """
    ).iloc[0]
    assert counts.raw_rows == 1200
    assert counts.raw_rows == counts.clean_rows + counts.rejected_rows
    reasons = set(
        sample_warehouse.query(
            "select distinct reject_reason from main_intermediate.int_ads_rejected"
        )["reject_reason"]
    )
    assert reasons == {
        "null_ad_id",
        "duplicate_ad_id",
        "manually_excluded",
        "negative_spend",
        "clicks_exceed_impressions",
        "approved_exceed_total",
        "unknown_age_band",
        "unknown_gender",
    }


def test_kpis_equal_an_independent_calculation(sample_warehouse):
    seed = ROOT / "seeds" / "sample" / "sample_facebook_ads.csv"
    with seed.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle)]
    clean = sample_warehouse.query("select ad_id from main.fct_ad_performance")
    clean_ids = set(clean["ad_id"].astype(str))
    chosen = [row for row in rows if row["ad_id"] in clean_ids]
    zero_clicks = [row for row in chosen if row["Clicks"] == "0"][:2]
    zero_approved = [row for row in chosen if row["Approved_Conversion"] == "0"][:2]
    assert zero_clicks and zero_approved
    assert_kpis_match(sample_warehouse, chosen[:5] + zero_clicks + zero_approved)


def test_no_kpi_is_infinite(sample_warehouse):
    for mart in [
        "fct_ad_performance",
        "dim_campaigns",
        "dim_audience_cells",
        "dim_audience_clusters",
    ]:
        frame = sample_warehouse.query(f"select {', '.join(KPIS)} from main.{mart}")
        assert not np.isinf(frame.to_numpy(dtype=float)).any(), mart


def test_sql_cluster_assignment_equals_the_package(sample_warehouse):
    cells = sample_warehouse.query(
        "select * from main.dim_audience_cells order by audience_cell_id"
    )
    parameters = sample_warehouse.query(
        "select * from main_intermediate.int_audience_cluster_centroids"
        " order by cluster_id"
    )
    expected = assign_clusters(cells[FEATURES], parameters)
    assert (cells["cluster_id"].to_numpy() == expected).all()
    chosen_k = sample_warehouse.query(
        "select k from main.fct_audience_cluster_k_selection where is_chosen"
    )["k"].tolist()
    assert chosen_k == [len(parameters)]


def test_cluster_profiles_add_up(sample_warehouse):
    profiles = sample_warehouse.query("select * from main.dim_audience_clusters")
    cells = sample_warehouse.query(
        "select count(*) as n, sum(spend) as spend from main.dim_audience_cells"
    ).iloc[0]
    assert profiles["audience_cell_count"].sum() == cells.n
    assert profiles["share_of_cells"].sum() == pytest.approx(1.0)
    assert profiles["share_of_spend"].sum() == pytest.approx(1.0)
    assert profiles["cluster_name"].is_unique


def test_sql_scoring_equals_the_package(sample_warehouse):
    features = sample_warehouse.query(
        "select * from main_intermediate.int_ads_conversion_features order by ad_id"
    )
    coefficients = sample_warehouse.query(
        "select * from main_intermediate.int_ads_conversion_coefficients"
    )
    scores = sample_warehouse.query(
        "select * from main.fct_ad_conversion_scores order by ad_id"
    )
    assert scores["ad_id"].tolist() == features["ad_id"].tolist()
    for target in TARGETS:
        expected = score_with_coefficients(features, coefficients, target)
        np.testing.assert_allclose(scores[f"expected_{target}"], expected, rtol=1e-9)


def test_metrics_mart_equals_a_direct_calculation(sample_warehouse):
    predictions = sample_warehouse.query(
        "select * from main_intermediate.int_ads_conversion_cv_predictions"
    )
    metrics = sample_warehouse.query(
        "select * from main.fct_ad_conversion_model_metrics"
    ).set_index(["target_name", "model_name"])
    assert len(metrics) == 8
    # Odd folds validate, even folds test (macro cv_evaluation_part).
    predictions["part"] = np.where(
        predictions.fold_number % 2 == 1, "validation", "test"
    )
    groups = predictions.groupby(["target_name", "model_name", "part"])
    for (target, model, part), rows in groups:
        error = rows.predicted_value - rows.actual_value
        row = metrics.loc[(target, model)]
        assert row[f"{part}_prediction_count"] == len(rows)
        assert row[f"{part}_mean_absolute_error"] == pytest.approx(error.abs().mean())
        if part == "test":
            sst = ((rows.actual_value - rows.actual_value.mean()) ** 2).sum()
            assert row.test_root_mean_squared_error == pytest.approx(
                np.sqrt((error**2).mean())
            )
            assert row.test_r_squared == pytest.approx(1 - (error**2).sum() / sst)


def assert_the_validation_winner_is_served(warehouse: Warehouse) -> dict[str, str]:
    """Recomputed in pandas from the published predictions: the lowest MAE
    on the odd folds, ties to the simpler method, is the one marked served
    and the one fct_ad_conversion_scores serves to every ad. Returns the
    served method per target."""
    predictions = warehouse.query("select * from main.fct_ad_conversion_predictions")
    metrics = warehouse.query("select * from main.fct_ad_conversion_model_metrics")
    scores = warehouse.query("select * from main.fct_ad_conversion_scores")
    sample = warehouse.query(
        "select * from main_intermediate.int_ads_conversion_sample"
    )
    is_validation = predictions.fold_number % 2 == 1
    assert (
        predictions.evaluation_part == np.where(is_validation, "validation", "test")
    ).all()
    assert is_validation.any() and (~is_validation).any()
    validation = predictions[is_validation]
    served_methods = {}
    for target in TARGETS:
        rows = validation[validation.target_name == target]
        errors = {
            method: round((rows[column] - rows.actual_value).abs().mean(), 9)
            for method, column in PREDICTION_COLUMNS.items()
        }
        served = min(SIMPLEST_FIRST, key=lambda m: (errors[m], SIMPLEST_FIRST.index(m)))
        marked = metrics[(metrics.target_name == target) & metrics.is_served]
        assert marked.model_name.tolist() == [served], (target, errors)
        assert set(scores[f"predicted_{target}_method"]) == {served}
        predicted = scores[f"predicted_{target}"]
        expected = scores[f"expected_{target}"]
        reference = {
            "baseline_training_median": np.full(len(scores), sample[target].median()),
            "baseline_training_mean": np.full(len(scores), sample[target].mean()),
            "poisson_glm_median": poisson_median(expected.to_numpy()),
            "poisson_glm_expected": expected.to_numpy(),
        }[served]
        np.testing.assert_allclose(predicted, reference, rtol=1e-9)
        reason = marked.served_reason.iloc[0]
        if served.startswith("baseline"):
            assert "a constant on the validation part" in reason, reason
        else:
            assert "the lowest MAE on the validation part" in reason, reason
        served_methods[target] = served
    return served_methods


def test_the_served_method_wins_on_the_validation_part(sample_warehouse):
    served = assert_the_validation_winner_is_served(sample_warehouse)
    assert set(served.values()) == {"poisson_glm_median"}


def test_a_constant_that_wins_on_validation_is_served(sample_warehouse, tmp_path):
    """The GLM penalised to its intercept (var ads_conversion_alpha 1e6)
    loses to the training median on the validation part: the constant is
    served to every ad, and the fitness mart says so."""
    shrunk = rebuild_copy(
        sample_warehouse, tmp_path,
        "int_ads_conversion_cv_predictions+ int_ads_conversion_coefficients+",
        {"ads_conversion_alpha": 1e6},
    )  # fmt: skip
    served = assert_the_validation_winner_is_served(shrunk)
    assert set(served.values()) == {"baseline_training_median"}
    fitness = shrunk.query(
        "select chosen, fit_status, fit_note from main.fct_ads_model_fitness"
        " where model_name like 'conversion prediction:%'"
    )
    assert set(fitness.chosen) == {"baseline_training_median"}
    assert set(fitness.fit_status) == {"no better than a constant"}
    assert fitness.fit_note.str.contains("the GLM loses to a constant").all()


def test_forcing_k_by_var(sample_warehouse, tmp_path):
    forced = rebuild_copy(
        sample_warehouse, tmp_path, "int_audience_cluster_k_selection+",
        {"ads_cluster_k": 4},
    )  # fmt: skip
    chosen = forced.query(
        "select k, selection_rule from main.fct_audience_cluster_k_selection"
        " where is_chosen"
    )
    assert chosen.to_dict("records") == [{"k": 4, "selection_rule": "forced"}]
    assert (
        forced.query("select count(*) as n from main.dim_audience_clusters").n[0] == 4
    )


def _build_staging(dbt_runner, tmp_path: Path, ads_path: Path, **vars_):
    return dbt_runner(
        tmp_path / "byo.duckdb",
        "build",
        "--select",
        "+int_ads_cleaned",
        "+int_ads_rejected",
        vars_={"ads_path": str(ads_path), **vars_},
    )


def test_bring_your_own_parquet(dbt_runner, tmp_path):
    from audience_warehouse.ads.generator import generate_ads
    from audience_warehouse.io.files import write_frame

    path = tmp_path / "my ads.parquet"
    write_frame(generate_ads(300, random_state=11, dirty_fraction=0.03), path)
    result = _build_staging(dbt_runner, tmp_path, path)
    assert result.returncode == 0, result.output[-4000:]
    counts = (
        Warehouse(tmp_path / "byo.duckdb")
        .query(
            """
        select
            (select count(*) from main_staging.stg_facebook_ads__ads) as raw_rows,
            (select count(*) from main_intermediate.int_ads_rejected) as rejected_rows
        """
        )
        .iloc[0]
    )
    assert counts.raw_rows == 300
    assert counts.rejected_rows >= 9


def test_every_picture_renders_from_the_marts(sample_warehouse, tmp_path):
    from audience_warehouse.io.pictures import PICTURES, render_all

    written = render_all(sample_warehouse.path, tmp_path)
    assert [path.name for path in written] == list(PICTURES)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("delimiter", "spend", "expected"),
    [
        # Semicolons with decimal commas: tests/python/project/test_input_corpus.py
        (",", "lots", "a wrong delimiter, decimal commas"),
    ],
)
def test_a_mostly_rejected_file_fails_naming_reasons_and_a_hint(
    dbt_runner, tmp_path, delimiter, spend, expected
):
    columns = (
        "ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,Impressions,"
        "Clicks,Spent,Total_Conversion,Approved_Conversion"
    ).split(",")
    rows = [
        [str(n), "916", "1", "30-34", "M", "15", "100", "5", spend, "2", "1"]
        for n in range(1, 11)
    ]
    rows[0][8] = "2"  # one clean row of ten
    path = tmp_path / "mostly_bad.csv"
    path.write_text(
        "\n".join(delimiter.join(row) for row in [columns, *rows]) + "\n", "utf-8"
    )
    result = _build_staging(dbt_runner, tmp_path, path)
    assert result.returncode != 0
    assert f"Input '{path}': 9 of 10 rows (90.0%) were rejected" in result.output
    assert "missing_or_invalid_spend: 9" in result.output
    assert expected in result.output
