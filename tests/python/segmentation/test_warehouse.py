"""End to end on the bundled customer sample: dbt build, then the tables.

The package is the independent reference for the SQL that applies its fitted
parameters (assignment) and for the k rule applied in SQL.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from audience_warehouse.core.parameters import assign_clusters
from audience_warehouse.core.ward import largest_jump_k

from ..conftest import ROOT, Warehouse, project_var, rebuild_copy

pytestmark = pytest.mark.dbt

SEED = ROOT / "seeds" / "sample" / "sample_customers.csv"


def features_and_centroids(warehouse: Warehouse) -> tuple[pd.DataFrame, pd.DataFrame]:
    features = warehouse.query(
        "select * from main_intermediate.int_customer_features order by customer_id"
    )
    centroids = warehouse.query(
        "select * from main_intermediate.int_customer_segment_centroids"
        " order by segment_id"
    ).rename(columns={"segment_id": "cluster_id"})
    return features, centroids


def test_rows_reconcile_and_blank_minutes_are_flagged(sample_warehouse):
    counts = sample_warehouse.query(
        """
        select
            (select count(*) from main_staging.stg_learning_platform__customers)
                as raw_rows,
            (select count(*) from main_intermediate.int_customers_cleaned)
                as clean_rows,
            (select count(*) from main_intermediate.int_customers_rejected)
                as rejected_rows,
            (select count(*) from main.dim_customers where is_minutes_watched_imputed)
                as imputed_rows,
            (select count(*) from main.dim_customers
                where is_minutes_watched_imputed and minutes_watched != 0)
                as imputed_not_zero
        """
    ).iloc[0]
    assert counts.raw_rows == 3000
    assert counts.raw_rows == counts.clean_rows + counts.rejected_rows
    assert counts.imputed_not_zero == 0
    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    valid_blank = [
        row
        for row in rows
        if row["minutes_watched"] == ""
        and row["CLV"] not in ("", "-49.99")
        and row["region"] in {"0", "1", "2"}
        and row["channel"] in {str(code) for code in range(1, 9)}
    ]
    assert counts.imputed_rows == len(valid_blank) > 0
    reasons = set(
        sample_warehouse.query(
            "select distinct reject_reason"
            " from main_intermediate.int_customers_rejected"
        )["reject_reason"]
    )
    assert reasons == {
        "missing_or_invalid_customer_lifetime_value",
        "invalid_minutes_watched",
        "negative_minutes_watched",
        "negative_customer_lifetime_value",
        "unknown_region",
        "unknown_channel",
    }


def test_customer_id_is_the_row_position_in_the_file(sample_warehouse):
    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    staged = sample_warehouse.query(
        "select * from main_staging.stg_learning_platform__customers"
        " order by customer_id"
    )
    assert staged["customer_id"].tolist() == list(range(1, len(rows) + 1))
    for position in [0, 1, 500, len(rows) - 1]:
        row, stage = rows[position], staged.iloc[position]
        assert str(int(stage.region_code)) == row["region"]
        assert str(int(stage.channel_code)) == row["channel"]
        if row["CLV"]:
            assert stage.customer_lifetime_value == pytest.approx(float(row["CLV"]))


def test_the_scaler_is_fitted_on_the_model_sample(sample_warehouse):
    sample = sample_warehouse.query(
        "select * from main_intermediate.int_customers_model_sample"
    )
    _, centroids = features_and_centroids(sample_warehouse)
    features = project_var("segmentation_features")
    assert len(features) == 3 + 3 + 8
    for feature in features:
        # Independent of the package: pandas' population mean and deviation.
        deviation = sample[feature].std(ddof=0)
        assert centroids[f"{feature}__mean"].tolist() == pytest.approx(
            [sample[feature].mean()] * len(centroids)
        )
        assert centroids[f"{feature}__scale"].tolist() == pytest.approx(
            [deviation if deviation > 0 else 1.0] * len(centroids)
        )


def test_sql_assignment_equals_the_package(sample_warehouse):
    features, centroids = features_and_centroids(sample_warehouse)
    columns = project_var("segmentation_features")
    expected = assign_clusters(features[columns], centroids)
    assigned = sample_warehouse.query(
        "select customer_id, segment_id from main.dim_customers order by customer_id"
    )
    assert (assigned["segment_id"].to_numpy() == expected).all()


def test_sql_k_rule_equals_the_package(sample_warehouse):
    merges = sample_warehouse.query("select * from main.fct_segment_ward_merges")
    chosen = sample_warehouse.query(
        "select k, selection_rule from main.fct_segment_k_selection where is_chosen"
    )
    assert chosen["k"].tolist() == [largest_jump_k(merges, 3, 10)]
    fit = sample_warehouse.query("select * from main.fct_segment_model_fit").iloc[0]
    assert fit.segment_count == chosen["k"].iloc[0]
    assert -1 <= fit.stability_min_adjusted_rand_index <= 1


def test_segment_summary_adds_up(sample_warehouse):
    segments = sample_warehouse.query("select * from main.dim_segments")
    clean = sample_warehouse.query(
        "select count(*) as n from main_intermediate.int_customers_cleaned"
    ).n[0]
    assert segments["customer_count"].sum() == clean
    assert segments["share_of_customers"].sum() == pytest.approx(1.0)
    assert segments["segment_name"].is_unique
    regions = [c for c in segments.columns if c.startswith("share_region_")]
    channels = [c for c in segments.columns if c.startswith("share_channel_")]
    assert len(regions) == 3 and len(channels) == 8
    assert segments[regions].sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert segments[channels].sum(axis=1).to_numpy() == pytest.approx(1.0)


def test_forcing_k_by_var(sample_warehouse, tmp_path):
    forced = rebuild_copy(
        sample_warehouse,
        tmp_path,
        "int_customer_segment_k_selection+",
        {"segmentation_k": 4},
    )
    assert forced.query("select count(*) as n from main.dim_segments").n[0] == 4
    assert forced.query(
        "select selection_rule from main.fct_segment_model_fit"
    ).selection_rule.tolist() == ["forced"]


def test_bring_your_own_customers_parquet(dbt_runner, tmp_path):
    from audience_warehouse.io.files import write_frame
    from audience_warehouse.segmentation.generator import (
        customers_to_csv,
        generate_customers,
    )

    path = tmp_path / "customers.parquet"
    write_frame(generate_customers(500, random_state=9), path, customers_to_csv)
    result = dbt_runner(
        tmp_path / "byo.duckdb",
        "build",
        "--select",
        "+dim_customers",
        "+fct_segment_model_fit",
        "+int_customers_rejected",
        vars_={"customers_path": str(path), "segmentation_kmeans_n_init": 5},
    )
    assert result.returncode == 0, result.output[-4000:]
    segmented = (
        Warehouse(tmp_path / "byo.duckdb")
        .query(
            "select count(*) as n, count(distinct segment_id) as k"
            " from main.dim_customers"
        )
        .iloc[0]
    )
    assert segmented.n == 500 and segmented.k >= 3


def test_nan_fractional_codes_and_bad_clv_are_rejected(dbt_runner, tmp_path):
    path = tmp_path / "messy_customers.csv"
    path.write_text(
        "minutes_watched,CLV,region,channel\n"
        "10,100,0,1\n"
        "10,nan,0,1\n"
        "10,abc,0,1\n"
        "inf,100,0,1\n"
        "10,100,1.5,1\n"
        "10,100,0,2.7\n"
        "10,1e200,0,1\n"
        "99999999,100,0,1\n",
        encoding="utf-8",
    )
    result = dbt_runner(
        tmp_path / "messy.duckdb",
        "build",
        "--select",
        "+int_customers_cleaned",
        "+int_customers_rejected",
        "--indirect-selection",
        "cautious",
        vars_={"customers_path": str(path), "reject_fail_share": 1},
    )
    assert result.returncode == 0, result.output[-4000:]
    reasons = Warehouse(tmp_path / "messy.duckdb").query(
        "select customer_id, reject_reason"
        " from main_intermediate.int_customers_rejected order by customer_id"
    )
    assert reasons.to_dict("records") == [
        {
            "customer_id": 2,
            "reject_reason": "missing_or_invalid_customer_lifetime_value",
        },
        {
            "customer_id": 3,
            "reject_reason": "missing_or_invalid_customer_lifetime_value",
        },
        {"customer_id": 4, "reject_reason": "invalid_minutes_watched"},
        {"customer_id": 5, "reject_reason": "unknown_region"},
        {"customer_id": 6, "reject_reason": "unknown_channel"},
        {"customer_id": 7, "reject_reason": "implausible_value"},
        {"customer_id": 8, "reject_reason": "implausible_value"},
    ]


def test_new_customers_do_not_move_existing_ones_with_frozen_parameters(
    sample_warehouse, dbt_runner, tmp_path
):
    """Keep the fitted parameters, append customers unlike the old ones, and
    rebuild the segmentation domain alone (tag selection on a fresh file):
    every existing customer keeps its segment and its distance to the
    centroid, i.e. its standardised coordinates, although a refit on the
    new file would move the scaler."""
    from audience_warehouse.io.warehouse import export_table
    from audience_warehouse.segmentation.generator import (
        customers_to_csv,
        generate_customers,
    )

    parameters = tmp_path / "segments.parquet"
    export_table(
        sample_warehouse.path,
        "main_intermediate.int_customer_segment_centroids",
        parameters,
    )
    newcomers = generate_customers(400, random_state=5)
    newcomers["CLV"] = (newcomers["CLV"].astype(float) * 4).round(2).astype(str)
    extended = tmp_path / "customers.csv"
    seed_text = (ROOT / "seeds/sample/sample_customers.csv").read_text("utf-8")
    extra = customers_to_csv(newcomers).split("\n", 1)[1]
    extended.write_text(seed_text.rstrip("\n") + "\n" + extra, encoding="utf-8")

    database = tmp_path / "frozen.duckdb"
    result = dbt_runner(
        database,
        "build",
        "--select",
        "tag:segmentation",
        vars_={
            "customers_path": str(extended),
            "segmentation_parameters_path": str(parameters),
            "segmentation_kmeans_n_init": 5,
        },
    )
    assert result.returncode == 0, result.output[-4000:]
    frozen = Warehouse(database)
    query = (
        "select customer_id, segment_id, distance_to_centroid"
        " from main.dim_customers order by customer_id"
    )
    before, after = sample_warehouse.query(query), frozen.query(query)
    assert len(after) > len(before)
    kept = after[after.customer_id.isin(before.customer_id)].reset_index(drop=True)
    assert kept.segment_id.tolist() == before.segment_id.tolist()
    assert kept.distance_to_centroid.tolist() == pytest.approx(
        before.distance_to_centroid.tolist(), rel=1e-12, abs=1e-12
    )
    fit = frozen.query("select * from main.fct_segment_model_fit").iloc[0]
    assert fit.parameter_source == f"frozen: {parameters}"
    assert fit.selection_rule == "frozen parameters"
    # The scenario has teeth: this build's own fit moved the CLV scaler.
    refit = frozen.query(
        "select feature_customer_lifetime_value__mean as clv_mean"
        " from main_intermediate.int_customer_segment_centroids"
    )
    old = sample_warehouse.query(
        "select feature_customer_lifetime_value__mean as clv_mean"
        " from main_intermediate.int_customer_segment_centroids"
    )
    assert refit.clv_mean[0] > old.clv_mean[0] * 1.1


def test_a_parameters_file_without_the_listed_features_fails_clearly(
    dbt_runner, tmp_path
):
    parameters = tmp_path / "wrong.csv"
    parameters.write_text("segment_id,x__mean\n1,0\n", encoding="utf-8")
    result = dbt_runner(
        tmp_path / "wrong.duckdb",
        "build",
        "--select",
        "+int_customer_segment_parameters",
        vars_={"segmentation_parameters_path": str(parameters)},
    )
    assert result.returncode != 0
    assert "missing required column(s): feature_minutes_watched__mean" in (
        result.output
    )
    assert str(parameters) in result.output
