"""The fans model functions the dbt Python models call: explicit inputs."""

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.fans.models import (
    activity_k_selection,
    classifier_feature_importances,
    classifier_predictions,
)

from ..conftest import cluster_limits

CLASSIFIER_FEATURES = ["feature_engagement_count", "feature_active_day_count"]
PARAMS = {
    "features": CLASSIFIER_FEATURES,
    "test_share": 0.25,
    "n_estimators": 20,
    "min_labelled": 40,
    "network_features": ["feature_active_day_count"],  # stands in, for the ablation
    "random_state": 3,
}
# int_fan_history_span's one row: a history long enough for every window.
LONG_HISTORY = pd.DataFrame({"history_days": [400], "window_days": [37]})


def labelled_sample(rows: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    count = rng.poisson(3, rows)
    return pd.DataFrame(
        {
            "user_id": np.arange(rows),
            "feature_engagement_count": count,
            "feature_active_day_count": np.minimum(count, rng.poisson(2, rows)),
            "is_engaged_later": count + rng.normal(0, 1, rows) > 3,
            "first_engaged_at": pd.Timestamp("2026-01-01")
            + pd.to_timedelta(np.arange(rows) % 60, unit="D"),
        }
    ).assign(label_window_ends_at=lambda f: f.first_engaged_at + pd.Timedelta(days=10))


def test_a_full_history_column_cannot_enter_the_classifier_unnoticed():
    # The review's case: a later-period column named feature_* lifted the
    # AUC from 0.82 to 0.89 because every feature_ column was an input.
    sample = labelled_sample().assign(
        feature_total_engagement_count=lambda f: f.feature_engagement_count * 5
    )
    with pytest.raises(ValueError, match="feature_total_engagement_count"):
        classifier_predictions(sample, [sample], PARAMS, history=LONG_HISTORY)
    with pytest.raises(ValueError, match="feature_total_engagement_count"):
        classifier_feature_importances(sample, PARAMS, history=LONG_HISTORY)


def test_the_listed_features_are_the_forest_inputs():
    sample = labelled_sample()
    importances = classifier_feature_importances(sample, PARAMS, history=LONG_HISTORY)
    assert sorted(importances.feature_name) == sorted(CLASSIFIER_FEATURES)
    scored = classifier_predictions(
        sample, [sample.iloc[:150], sample.iloc[150:]], PARAMS, history=LONG_HISTORY
    )
    assert len(scored) == len(sample) and scored.user_id.is_unique
    assert set(scored.split) == {"train", "validation", "test"}


def test_the_baseline_feature_must_be_listed():
    params = {**PARAMS, "features": ["feature_active_day_count"]}
    sample = labelled_sample().drop(columns="feature_engagement_count")
    with pytest.raises(ValueError, match="baseline feature"):
        classifier_feature_importances(sample, params, history=LONG_HISTORY)


def test_activity_clustering_reads_only_listed_columns():
    rng = np.random.default_rng(1)
    sample = pd.DataFrame(
        {
            "user_id": np.arange(300),
            "feature_log_engagement_count": np.r_[
                rng.normal(0, 0.1, 150), rng.normal(3, 0.1, 150)
            ],
            "feature_log_tenure_days": np.r_[
                rng.normal(1, 0.1, 150), rng.normal(2, 0.1, 150)
            ],
        }
    )
    params = {
        "features": ["feature_log_engagement_count", "feature_log_tenure_days"],
        "k_min": 2,
        "k_max": 4,
        "forced_k": "None",
        "random_state": 0,
        **cluster_limits(),
    }
    chosen = activity_k_selection(sample, params)
    assert chosen.loc[chosen.is_chosen, "k"].tolist() == [2]
    with pytest.raises(ValueError, match="listed but missing"):
        activity_k_selection(sample, {**params, "features": ["feature_x"]})


@pytest.mark.parametrize(
    ("rows", "positives", "reason"),
    [
        (0, 0, "too few labelled users: 0 labelled, 40 needed with both classes"),
        (39, 10, "too few labelled users: 39 labelled, 40 needed"),
        (100, 0, "one class only: 0 of 100 labelled users positive"),
        (100, 99, "one class only: 99 of 100 labelled users positive"),
    ],
)
def test_a_sample_that_cannot_support_a_fit_gives_reasons_not_errors(
    rows, positives, reason
):
    sample = labelled_sample(max(rows, 1)).head(rows)
    sample["is_engaged_later"] = np.arange(rows) < positives
    everyone = labelled_sample(500)
    scored = classifier_predictions(
        sample, [everyone.head(200), everyone[200:]], PARAMS, history=LONG_HISTORY
    )
    assert len(scored) == 500 and scored.user_id.is_unique
    assert scored.model_status.str.startswith(reason).all()
    assert scored.forest_probability.isna().all() and scored.split.isna().all()
    assert scored.served_model.isna().all()
    assert scored.served_reason.str.startswith(f"no model served: {reason}").all()
    importances = classifier_feature_importances(sample, PARAMS, history=LONG_HISTORY)
    assert list(importances.feature_name) == CLASSIFIER_FEATURES
    assert importances.model_status.str.startswith(reason).all()
    assert importances.permutation_importance.isna().all()
    assert importances.importance_rank.isna().all()  # nothing to rank


def _validation_brier(scored: pd.DataFrame) -> dict[str, float]:
    """Each candidate's Brier score on the validation users, by scikit-learn."""
    from sklearn.metrics import brier_score_loss

    validation = scored[scored.split == "validation"]
    truth = validation.is_engaged_later.astype(bool)
    return {
        "random_forest": brier_score_loss(truth, validation.forest_probability),
        "baseline_logistic_engagement_count": brier_score_loss(
            truth, validation.baseline_probability
        ),
    }


def test_the_served_model_is_the_one_that_wins_on_validation():
    # The label grows with the engagement count: a one-tree forest does
    # worse than the logistic baseline on it, and the baseline is served.
    sample = labelled_sample(2000)
    weak = classifier_predictions(
        sample, [sample], {**PARAMS, "n_estimators": 1}, history=LONG_HISTORY
    )
    brier = _validation_brier(weak)
    assert brier["baseline_logistic_engagement_count"] < brier["random_forest"]
    assert (weak.served_model == "baseline_logistic_engagement_count").all()
    assert weak.served_reason.iloc[0].endswith("; random_forest not served")
    assert f"{brier['random_forest']:.4f} for random_forest" in weak.served_reason[0]
    # An interaction (active days count only for light users) that the
    # one-feature baseline cannot see: the forest wins and is served.
    noise = np.random.default_rng(1).random(len(sample)) < 0.05
    interaction = sample.assign(
        is_engaged_later=(sample.feature_active_day_count >= 2)
        & (sample.feature_engagement_count <= 4)
        | noise
    )
    strong = classifier_predictions(
        interaction, [interaction], {**PARAMS, "n_estimators": 50},
        history=LONG_HISTORY,
    )  # fmt: skip
    brier = _validation_brier(strong)
    assert brier["random_forest"] < brier["baseline_logistic_engagement_count"]
    assert (strong.served_model == "random_forest").all()
    # The validation users are half the held-out users; the test half is
    # never used to choose.
    counts = strong.split.value_counts()
    assert abs(counts["validation"] - counts["test"]) <= 1


def test_probabilities_are_rates_and_thresholds_come_from_training_data():
    sample = labelled_sample(2000)
    scored = classifier_predictions(
        sample, [sample], {**PARAMS, "n_estimators": 100}, history=LONG_HISTORY
    )
    assert (scored.model_status == "fitted").all()
    test = scored[scored.split == "test"]
    base_rate = scored[scored.split == "train"].is_engaged_later.astype(float).mean()
    assert abs(test.forest_probability.mean() - base_rate) < 0.05
    thresholds = scored.forest_threshold.unique()
    assert len(thresholds) == 1 and 0 < thresholds[0] < 1
    # The threshold is the best F1 of the forest's out-of-bag (training)
    # probabilities: refit on the training users alone, the same threshold.
    from audience_warehouse.core.classifier import best_f1_threshold, fit_models

    train = sample[sample.user_id.isin(scored.user_id[scored.split == "train"])]
    models = fit_models(
        train, CLASSIFIER_FEATURES, CLASSIFIER_FEATURES[0], "is_engaged_later", 100, 3
    )
    oob = models.forest.oob_decision_function_[:, 1]
    expected = best_f1_threshold(oob, train.is_engaged_later.to_numpy())
    assert thresholds[0] == pytest.approx(expected)


def test_out_of_time_fits_before_the_cut_and_tests_after():
    sample = labelled_sample(1000)
    scored = classifier_predictions(sample, [sample], PARAMS, history=LONG_HISTORY)
    cut = scored.oot_cut_at.iloc[0]
    merged = scored.merge(
        sample[["user_id", "first_engaged_at", "label_window_ends_at"]], on="user_id"
    )
    assert ((merged.oot_split == "test") == (merged.first_engaged_at >= cut)).all()
    train = merged[merged.oot_split == "train"]
    assert (train.label_window_ends_at <= cut).all() and len(train) > 100
    unknown = merged[
        (merged.first_engaged_at < cut) & (merged.label_window_ends_at > cut)
    ]
    assert len(unknown) > 0 and unknown.oot_split.isna().all()
    assert (scored.oot_status == "fitted").all()
    forced = classifier_predictions(
        sample,
        [sample],
        {**PARAMS, "out_of_time_cut": "2026-02-20"},
        history=LONG_HISTORY,
    )
    assert forced.oot_cut_at.iloc[0] == pd.Timestamp("2026-02-20")
    late = classifier_predictions(
        sample,
        [sample],
        {**PARAMS, "out_of_time_cut": "2027-01-01"},
        history=LONG_HISTORY,
    )
    assert late.oot_status.iloc[0].startswith("no labelled users at or after")
    assert late.oot_forest_probability.isna().all()


def test_importances_survive_held_out_users_of_one_class():
    sample = labelled_sample(60)
    sample["is_engaged_later"] = np.arange(60) < 2  # fitted, but 2 positives
    for seed in range(5):
        params = {**PARAMS, "random_state": seed}
        importances = classifier_feature_importances(
            sample, params, history=LONG_HISTORY
        )
        assert list(importances.importance_rank) == [1, 2]


@pytest.mark.parametrize(
    ("history_days", "reason"),
    [
        (1, "history of 1 day; the early window plus label window need 37"),
        (36, "history of 36 days; the early window plus label window need 37"),
        (37, "too few labelled users: 0 labelled, 40 needed"),
        (None, "too few labelled users: 0 labelled, 40 needed"),  # no events
    ],
)
def test_a_history_shorter_than_the_windows_is_the_reason_given(history_days, reason):
    """The one-day log's case: no label window has ended, so the status
    names the short history, not the labelled count it leads to; with a
    history as long as the windows the count is the reason again."""
    history = pd.DataFrame({"history_days": [history_days], "window_days": [37]})
    everyone = labelled_sample(50)
    empty = everyone.head(0)
    scored = classifier_predictions(empty, [everyone], PARAMS, history=history)
    assert scored.model_status.str.startswith(reason).all()
    assert scored.oot_status.str.startswith(reason).all()
    assert scored.forest_probability.isna().all()
    importances = classifier_feature_importances(empty, PARAMS, history=history)
    assert importances.model_status.str.startswith(reason).all()
    assert importances.importance_rank.isna().all()


def test_a_short_history_does_not_hide_a_fitted_model():
    history = pd.DataFrame({"history_days": [1], "window_days": [37]})
    sample = labelled_sample()
    scored = classifier_predictions(sample, [sample], PARAMS, history=history)
    assert (scored.model_status == "fitted").all()
