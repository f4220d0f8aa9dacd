"""End to end on the bundled fans sample: dbt build, then the tables.

pandas and scikit-learn are the independent references for what the SQL
computes (early features, assignment, metrics, the superfan rule).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sklearn.metrics import (
    accuracy_score,
    brier_score_loss,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)

from audience_warehouse.core.parameters import assign_clusters

from ..conftest import ROOT, Warehouse, project_var, rebuild_copy

pytestmark = pytest.mark.dbt


def test_rows_reconcile_and_every_dirty_kind_is_rejected(sample_warehouse):
    counts = sample_warehouse.query(
        """
        select
            (select count(*) from main_staging.stg_facebook_pages__engagements)
                as raw_rows,
            (select count(*) from main_intermediate.int_fan_engagements_cleaned)
                as clean_rows,
            (select count(*) from main_intermediate.int_fan_engagements_rejected)
                as rejected_rows
        """
    ).iloc[0]
    assert counts.raw_rows == 25_000 + 7  # 50 broken rows, 7 of them repeats
    assert counts.raw_rows == counts.clean_rows + counts.rejected_rows
    reasons = (
        sample_warehouse.query(
            "select reject_reason, count(*) as n"
            " from main_intermediate.int_fan_engagements_rejected"
            " group by reject_reason"
        )
        .set_index("reject_reason")
        .n
    )
    assert set(reasons.index) == {
        "null_id", "invalid_engaged_at", "unknown_engagement_type", "unknown_page",
        "unknown_post", "engaged_before_post", "exact_duplicate",
    }  # fmt: skip


def test_iso_and_epoch_timestamps_are_parsed(sample_warehouse):
    seeds = ROOT / "seeds" / "sample"
    post = pd.read_csv(seeds / "sample_fan_posts.csv", dtype=str).iloc[0]
    event = pd.read_csv(seeds / "sample_fan_engagements.csv", dtype=str).iloc[0]
    posted_at = sample_warehouse.query(
        "select posted_at from main_intermediate.int_fan_posts_cleaned"
        f" where post_id = {post.post_id}"
    ).posted_at[0]
    epoch = dt.datetime.fromtimestamp(int(post.posted_at) / 1000, dt.UTC)
    assert pd.Timestamp(posted_at) == pd.Timestamp(epoch.replace(tzinfo=None))
    engaged_at = sample_warehouse.query(
        "select engaged_at from main_intermediate.int_fan_engagements_cleaned"
        " where engagement_id = 1"
    ).engaged_at[0]
    assert pd.Timestamp(engaged_at) == pd.Timestamp(event.engaged_at)


def in_scope(warehouse: Warehouse) -> pd.DataFrame:
    return warehouse.query(
        "select * from main_intermediate.int_fan_engagements_in_scope"
    )


def test_early_features_use_only_the_first_days(sample_warehouse):
    events = in_scope(sample_warehouse)
    first = events.groupby("user_id").engaged_at.transform("min")
    early = events[events.engaged_at < first + pd.Timedelta(days=7)]
    expected = early.groupby("user_id").size()
    features = sample_warehouse.query(
        "select user_id, feature_engagement_count, last_engaged_at,"
        " early_window_ends_at from main_intermediate.int_fan_user_early_features"
    ).set_index("user_id")
    assert features.feature_engagement_count.sort_index().tolist() == (
        expected.sort_index().tolist()
    )
    assert (features.last_engaged_at < features.early_window_ends_at).all()


def test_sql_activity_assignment_equals_the_package(sample_warehouse):
    users = sample_warehouse.query(
        "select * from main_intermediate.int_fan_user_features order by user_id"
    )
    centroids = sample_warehouse.query(
        "select * from main_intermediate.int_fan_activity_centroids order by cluster_id"
    )
    features = project_var("fans_activity_features")
    assigned = sample_warehouse.query(
        "select user_id, cluster_id from main.dim_fans order by user_id"
    )
    assert (
        assigned.cluster_id.to_numpy() == assign_clusters(users[features], centroids)
    ).all()
    levels = sample_warehouse.query(
        "select * from main.dim_fan_activity_levels order by activity_level_rank"
    )
    assert levels.mean_engagement_count.is_monotonic_increasing
    assert levels.activity_level.iloc[0] == "casual"


def test_superfans_follow_the_rule(sample_warehouse):
    fans = sample_warehouse.query("select * from main.dim_fans")
    score_rank = fans.engagement_score.rank(method="min") - 1
    percentile = score_rank / (len(fans) - 1)
    expected = (
        (percentile >= 1 - 0.01)
        & (fans.active_day_count >= 5)
        & (fans.recency_days <= 30)
    )
    assert expected.sum() > 0
    assert (fans.is_superfan == expected).all()
    superfans = sample_warehouse.query("select * from main.dim_superfans")
    assert sorted(superfans.user_id) == sorted(fans.user_id[expected])
    pages = sample_warehouse.query("select * from main.fct_superfan_pages")
    assert set(pages.user_id) == set(superfans.user_id)


def test_metrics_mart_equals_scikit_learn(sample_warehouse):
    test = sample_warehouse.query(
        "select * from main.fct_fan_engagement_predictions where split = 'test'"
    )
    metrics = sample_warehouse.query(
        "select * from main.fct_fan_classifier_metrics"
        " where evaluation = 'random_split'"
    ).set_index("model_name")
    assert (metrics.model_status == "fitted").all()
    for model, column in [
        ("random_forest", "forest_probability"),
        ("baseline_logistic_engagement_count", "baseline_probability"),
    ]:
        truth, probability = test.is_engaged_later.astype(bool), test[column]
        row = metrics.loc[model]
        assert 0 < row.decision_threshold < 1
        predicted = probability >= row.decision_threshold
        assert row.user_count == len(test)
        assert row.base_rate == pytest.approx(truth.mean())
        assert row.accuracy == pytest.approx(accuracy_score(truth, predicted))
        assert row.precision_score == pytest.approx(precision_score(truth, predicted))
        assert row.recall_score == pytest.approx(recall_score(truth, predicted))
        assert row.f1_score == pytest.approx(f1_score(truth, predicted))
        assert row.roc_auc == pytest.approx(roc_auc_score(truth, probability))
        assert row.brier_score == pytest.approx(brier_score_loss(truth, probability))
    assert metrics.loc["baseline_base_rate"].roc_auc == pytest.approx(0.5)
    assert metrics.loc["random_forest"].roc_auc > 0.7
    # Probabilities are rates: better Brier than the constant, mean near the
    # base rate (a class-balanced forest's mean sat 0.16 above it).
    forest = metrics.loc["random_forest"]
    assert forest.brier_score < metrics.loc["baseline_base_rate"].brier_score
    assert abs(test.forest_probability.mean() - forest.base_rate) < 0.05


def test_the_served_model_wins_on_validation_and_is_reported_on_test(
    sample_warehouse,
):
    """The model dim_fans serves has the lower Brier score on the validation
    users, recomputed here by scikit-learn (a tie to the baseline); every
    model is reported on the other half."""
    candidates = {  # simplest first
        "baseline_logistic_engagement_count": "baseline_probability",
        "random_forest": "forest_probability",
    }
    predictions = sample_warehouse.query(
        "select * from main.fct_fan_engagement_predictions"
    )
    validation = predictions[predictions.split == "validation"]
    test_count = (predictions.split == "test").sum()
    assert len(validation) > 100 and abs(len(validation) - test_count) <= 1
    truth = validation.is_engaged_later.astype(bool)
    brier = {
        model: brier_score_loss(truth, validation[column])
        for model, column in candidates.items()
    }
    served = min(candidates, key=lambda m: (brier[m], list(candidates).index(m)))
    metrics = sample_warehouse.query(
        "select * from main.fct_fan_classifier_metrics"
        " where evaluation = 'random_split'"
    ).set_index("model_name")
    assert metrics.index[metrics.is_served].tolist() == [served]
    for model in candidates:
        row = metrics.loc[model]
        assert row.validation_user_count == len(validation)
        assert row.validation_brier_score == pytest.approx(brier[model])
        assert row.user_count == test_count  # reported on the test half
    reason = metrics.served_reason.iloc[0]
    assert reason.startswith(f"{served} served")
    assert f"{brier[served]:.4f}" in reason
    # Served: the winner's probability, at the winner's threshold.
    fans = sample_warehouse.query(
        "select user_id, prediction_model, engaged_later_probability,"
        " is_predicted_engaged from main.dim_fans"
    ).merge(predictions[["user_id", *candidates.values()]], on="user_id")
    scored = fans[fans.engaged_later_probability.notna()]
    assert len(scored) > 0 and (scored.prediction_model == served).all()
    assert scored.engaged_later_probability.tolist() == pytest.approx(
        scored[candidates[served]].tolist()
    )
    threshold = metrics.loc[served].decision_threshold
    assert (
        scored.is_predicted_engaged == (scored[candidates[served]] >= threshold)
    ).all()
    fitness = sample_warehouse.query(
        "select * from main.fct_fan_model_fitness"
        " where model_name = 'early-activity classifier'"
    ).iloc[0]
    assert fitness.chosen == served and fitness.fit_note == reason
    assert fitness.quality_value == pytest.approx(metrics.loc[served].brier_score)
    assert fitness.baseline_value == pytest.approx(
        metrics.loc["baseline_logistic_engagement_count"].brier_score
    )


def test_out_of_time_evaluation_fits_before_the_cut_and_tests_after(
    sample_warehouse,
):
    predictions = sample_warehouse.query(
        "select predictions.*, early.first_engaged_at"
        " from main_intermediate.int_fan_classifier_predictions as predictions"
        " inner join main_intermediate.int_fan_user_early_features as early"
        "  using (user_id)"
        " where predictions.split in ('train', 'validation', 'test')"
    )
    cut = predictions.oot_cut_at.iloc[0]
    assert (predictions.oot_split == "test").equals(predictions.first_engaged_at >= cut)
    assert 0.15 < (predictions.oot_split == "test").mean() < 0.35
    labels = sample_warehouse.query(
        "select user_id, label_window_ends_at"
        " from main_intermediate.int_fan_user_labels"
    )
    train = predictions[predictions.oot_split == "train"].merge(labels, on="user_id")
    assert len(train) > 200 and (train.label_window_ends_at <= cut).all()
    metrics = sample_warehouse.query(
        "select * from main.fct_fan_classifier_metrics where evaluation = 'out_of_time'"
    ).set_index("model_name")
    assert (metrics.model_status == "fitted").all()
    test = predictions[predictions.oot_split == "test"]
    truth = test.is_engaged_later.astype(bool)
    forest = metrics.loc["random_forest"]
    assert forest.user_count == len(test)
    assert forest.cut_at == cut
    assert forest.roc_auc == pytest.approx(
        roc_auc_score(truth, test.oot_forest_probability)
    )
    assert forest.roc_auc > 0.6


def test_calibration_mart_bins_the_held_out_users(sample_warehouse):
    test = sample_warehouse.query(
        "select * from main.fct_fan_engagement_predictions where split = 'test'"
    )
    calibration = sample_warehouse.query(
        "select * from main.fct_fan_classifier_calibration"
        " where model_name = 'random_forest' order by bin_index"
    )
    assert calibration.user_count.sum() == len(test)
    bins = (test.forest_probability * 10).astype(int).clip(upper=9)
    observed = test.is_engaged_later.astype(float).groupby(bins).mean()
    assert calibration.set_index("bin_index").observed_rate.to_dict() == pytest.approx(
        observed.to_dict()
    )


def test_overlap_and_exploration_marts_agree(sample_warehouse):
    events = in_scope(sample_warehouse)
    pages = sample_warehouse.query("select * from main.dim_fan_pages").set_index(
        "page_id"
    )
    assert pages.engagement_count.sum() == len(events)
    daily = sample_warehouse.query("select * from main.fct_fan_daily_engagement")
    assert daily.engagement_count.sum() == len(events)
    overlap = sample_warehouse.query("select * from main.fct_fan_page_overlap")
    pair = overlap.sort_values("shared_user_count").iloc[-1]
    users_a = set(events[events.page_id == pair.page_id].user_id)
    users_b = set(events[events.page_id == pair.other_page_id].user_id)
    assert pair.shared_user_count == len(users_a & users_b)
    assert pair.jaccard_index == pytest.approx(
        len(users_a & users_b) / len(users_a | users_b)
    )


def test_subsetting_vars_reach_every_mart(sample_warehouse, tmp_path):
    subset = rebuild_copy(
        sample_warehouse,
        tmp_path,
        "int_fan_engagements_history+ int_fan_posts_in_scope+",
        {"fans_page_ids": [12, 22], "fans_start_date": "2026-02-01",
         "fans_end_date": "2026-03-15"},
    )  # fmt: skip
    events = in_scope(subset)
    assert set(events.page_id) == {12, 22}
    assert events.engaged_date.min() >= pd.Timestamp("2026-02-01")
    assert events.engaged_date.max() <= pd.Timestamp("2026-03-15")
    assert set(subset.query("select page_id from main.dim_fan_pages").page_id) == {
        12,
        22,
    }
    assert set(subset.query("select page_id from main.dim_fan_posts").page_id) <= {
        12,
        22,
    }
    daily = subset.query("select * from main.fct_fan_daily_engagement")
    assert set(daily.page_id) == {12, 22} and daily.engagement_count.sum() == len(
        events
    )
    fans = subset.query("select * from main.dim_fans")
    assert fans.engagement_count.sum() == len(events)
    assert set(fans.user_id) == set(events.user_id)
    levels = subset.query("select * from main.dim_fan_activity_levels")
    assert levels.user_count.sum() == len(fans)
    overlap = subset.query(
        "select page_id, other_page_id from main.fct_fan_page_overlap"
    )
    assert set(overlap.page_id) == set(overlap.other_page_id) == {12, 22}
    posts = subset.query("select * from main.dim_fan_posts")
    assert not posts.empty and set(posts.page_id) <= {12, 22}
    assert posts.posted_at.min() >= pd.Timestamp("2026-02-01")
    assert posts.posted_at.max() < pd.Timestamp("2026-03-16")
    superfans = subset.query("select * from main.dim_superfans")
    superfan_pages = subset.query("select * from main.fct_superfan_pages")
    assert set(superfan_pages.user_id) == set(superfans.user_id)
    assert set(superfan_pages.page_id) <= {12, 22}
    # The classifier sees each user's whole history up to the as-of date on
    # those pages (their true first engagement), not only the date window.
    history = subset.query(
        "select * from main_intermediate.int_fan_engagements_history"
    )
    assert set(history.page_id) == {12, 22}
    assert history.engaged_date.min() < pd.Timestamp("2026-02-01")
    predictions = subset.query(
        "select user_id from main.fct_fan_engagement_predictions"
    )
    assert set(predictions.user_id) == set(history.user_id) >= set(events.user_id)
    early = subset.query(
        "select user_id, first_engaged_at"
        " from main_intermediate.int_fan_user_early_features"
    ).set_index("user_id")
    true_first = history.groupby("user_id").engaged_at.min()
    assert (early.first_engaged_at == true_first.reindex(early.index)).all()
    assert (early.first_engaged_at < pd.Timestamp("2026-02-01")).any()


def test_as_of_date_cuts_later_events(sample_warehouse, tmp_path):
    snapshot = rebuild_copy(
        sample_warehouse, tmp_path, "int_fan_as_of+", {"fans_as_of_date": "2026-03-01"}
    )
    as_of = snapshot.query("select * from main_intermediate.int_fan_as_of")
    assert as_of.as_of_at.tolist() == [pd.Timestamp("2026-03-01")]
    events = in_scope(snapshot)
    assert events.engaged_at.max() <= pd.Timestamp("2026-03-01")
    fans = snapshot.query("select * from main.dim_fans")
    assert fans.user_id.is_unique and set(fans.user_id) == set(events.user_id)
    assert (fans.recency_days >= 0).all()
    assert fans.engagement_count.sum() == len(events)
    # Users who started in the last 7 days before the snapshot have no full
    # early window: not scored, and said so.
    started = events.groupby("user_id").engaged_at.min()
    recent = started[started > pd.Timestamp("2026-03-01") - pd.Timedelta(days=7)]
    assert len(recent) > 10
    by_user = fans.set_index("user_id")
    assert (
        by_user.loc[recent.index, "prediction_status"] == "early window not complete"
    ).all()
    assert by_user.loc[recent.index, "engaged_later_probability"].isna().all()
    others = by_user.drop(index=recent.index)
    assert (others.prediction_status == "scored").all()
    assert others.engaged_later_probability.notna().all()


def test_bring_your_own_parquet_with_epoch_milliseconds(dbt_runner, tmp_path):
    from audience_warehouse.fans.generator import (
        engagements_as_text,
        format_timestamps,
        generate_fans,
        table_to_csv,
    )
    from audience_warehouse.io.files import write_frame

    data = generate_fans(300, 3000, random_state=8)
    posts = data.posts.assign(posted_at=format_timestamps(data.posts.posted_at, "iso"))
    engagements = engagements_as_text(data.engagements, 8, "epoch_ms", 0.0).astype(
        {
            "user_id": "int64",
            "page_id": "int64",
            "post_id": "int64",
            "engaged_at": "int64",
        }
    )
    paths = {}
    for name, frame in [
        ("pages", data.pages),
        ("posts", posts),
        ("engagements", engagements),
    ]:
        paths[f"{name}_path"] = str(tmp_path / f"{name}.parquet")
        write_frame(frame, tmp_path / f"{name}.parquet", table_to_csv)
    result = dbt_runner(
        tmp_path / "byo.duckdb", "build", "--select",
        "+int_fan_engagements_cleaned", "+int_fan_engagements_rejected",
        "+int_fan_posts_rejected", "+int_fan_pages_rejected", vars_=paths,
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    clean = (
        Warehouse(tmp_path / "byo.duckdb")
        .query(
            "select count(*) as n, min(engaged_at) as first"
            " from main_intermediate.int_fan_engagements_cleaned"
        )
        .iloc[0]
    )
    assert clean.n == 3000
    assert pd.Timestamp(clean.first) == data.engagements.engaged_at.min()


def _percent_rank(values: pd.Series) -> pd.Series:
    return (values.rank(method="min") - 1) / max(len(values) - 1, 1)


def test_superfan_persistence_equals_a_pandas_calculation(sample_warehouse):
    events = in_scope(sample_warehouse)
    as_of = sample_warehouse.query(
        "select as_of_at from main_intermediate.int_fan_as_of"
    ).as_of_at[0]
    past_as_of = as_of - pd.Timedelta(days=30)
    past = events[events.engaged_at <= past_as_of].groupby("user_id")
    users = pd.DataFrame(
        {
            "score": past.engagement_weight.sum(),
            "active_days": past.engaged_date.nunique(),
            "recency": (past_as_of - past.engaged_at.max()).dt.total_seconds() / 86400,
        }
    )
    was_superfan = (
        (_percent_rank(users.score) >= 0.99)
        & (users.active_days >= 5)
        & (users.recency <= 30)
    )
    following = (
        events[events.engaged_at > past_as_of]
        .groupby("user_id")
        .engagement_weight.sum()
        .reindex(users.index, fill_value=0)
    )
    top_decile = _percent_rank(following) >= 0.9
    persistence = sample_warehouse.query(
        "select * from main.fct_superfan_persistence"
    ).set_index("user_group")
    superfans = persistence.loc["superfans at the past date"]
    everyone = persistence.loc["all users at the past date"]
    assert superfans.user_count == was_superfan.sum() > 0
    assert everyone.user_count == len(users)
    assert superfans.share_top_decile_next == pytest.approx(
        top_decile[was_superfan].mean()
    )
    assert everyone.share_top_decile_next == pytest.approx(top_decile.mean())
    assert superfans.lift_over_all_users > 2  # superfans stay super on the sample


def test_network_features_equal_a_pandas_calculation(sample_warehouse):
    history = sample_warehouse.query(
        "select * from main_intermediate.int_fan_engagements_history"
    )
    ends = (history.groupby("user_id").engaged_at.min() + pd.Timedelta(days=7)).rename(
        "ends_at"
    )
    members = (
        history.groupby(["post_id", "user_id"]).engaged_at.min().rename("joined_at")
    ).reset_index()
    early = members.join(ends, on="user_id")
    early = early[early.joined_at < early.ends_at].sort_values(
        ["user_id", "joined_at", "post_id"]
    )
    early["post_order"] = early.groupby("user_id").cumcount() + 1
    pairs = early.merge(members, on="post_id", suffixes=("", "_other"))
    pairs = pairs[
        (pairs.user_id_other != pairs.user_id) & (pairs.joined_at_other < pairs.ends_at)
    ]
    mean_crowd = (
        pairs.groupby(["user_id", "post_id"])
        .size()
        .reindex(pd.MultiIndex.from_frame(early[["user_id", "post_id"]]), fill_value=0)
        .groupby("user_id")
        .mean()
    )
    cap = project_var("fans_crowd_cap")
    capped = members.sort_values(["post_id", "joined_at", "user_id"])
    capped = capped[capped.groupby("post_id").cumcount() < cap]
    capped_pairs = pairs.merge(
        capped[["post_id", "user_id"]].rename(columns={"user_id": "user_id_other"}),
        on=["post_id", "user_id_other"],
    )
    first_two = (
        capped_pairs[capped_pairs.post_order <= 2]
        .groupby("user_id")
        .user_id_other.nunique()
    )
    shared = capped_pairs.groupby(["user_id", "user_id_other"]).post_id.nunique()
    degree = (shared >= 2).groupby("user_id").sum()
    features = sample_warehouse.query(
        "select * from main_intermediate.int_fan_user_network_features"
    ).set_index("user_id")
    index = features.index
    assert features.feature_mean_post_crowd.to_numpy() == pytest.approx(
        mean_crowd.reindex(index, fill_value=0).to_numpy()
    )
    assert (
        features.feature_first_posts_crowd == first_two.reindex(index, fill_value=0)
    ).all()
    assert (
        features.feature_co_engagement_degree == degree.reindex(index, fill_value=0)
    ).all()
    assert features.feature_co_engagement_degree.sum() > 0


def test_only_the_classifiers_users_get_network_features_and_scores(
    sample_warehouse, tmp_path
):
    """With a sample smaller than the labelled users, the users outside it
    whose label is known get no network features and no score, with the
    status saying why; the others keep the full build's features exactly,
    and every user is still in the marts."""
    small = rebuild_copy(
        sample_warehouse, tmp_path, "tag:fans", {"fans_classifier_sample_size": 300}
    )
    scope = small.query(
        "select * from main_intermediate.int_fan_classifier_users order by user_id"
    )
    assert scope.is_in_sample.sum() == 300
    assert (
        scope.is_in_scope == (scope.is_in_sample | ~scope.is_label_observable)
    ).all()
    assert (~scope.is_in_scope).sum() > 500
    columns = ["user_id", *project_var("fans_network_features")]
    features = (
        "select * from main_intermediate.int_fan_user_early_features order by user_id"
    )
    full, cut = sample_warehouse.query(features), small.query(features)
    inside = cut.is_in_classifier_scope.to_numpy()
    assert (cut.user_id == full.user_id).all()
    pd.testing.assert_frame_equal(
        cut[inside][columns].reset_index(drop=True),
        full[inside][columns].reset_index(drop=True),
        check_dtype=False,
    )
    assert cut[~inside][columns[1:]].isna().all().all()
    predictions = small.query("select * from main.fct_fan_engagement_predictions")
    unscored = predictions.prediction_status == "label known: not scored"
    assert unscored.sum() == (~scope.is_in_scope).sum()
    assert predictions[unscored].forest_probability.isna().all()
    assert len(predictions) == len(full)
