"""The early-activity classifier helpers."""

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.core.classifier import (
    SPLIT_TEST,
    SPLIT_TRAIN,
    feature_importances,
    fit_models,
    labelled_predictions,
    predict,
    score_batches,
    split_rows,
)

FEATURES = ["feature_count", "feature_noise", "feature_loyalty"]


def users(n: int = 1500, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    count = rng.poisson(3, n)
    loyalty = rng.random(n)
    noise = rng.normal(size=n)
    # Engaged later needs both volume and loyalty: an interaction.
    label = (count >= 3) & (loyalty > 0.5) | (rng.random(n) < 0.05)
    return pd.DataFrame(
        {
            "user_id": np.arange(1, n + 1),
            "feature_count": count,
            "feature_noise": noise,
            "feature_loyalty": loyalty,
            "is_positive": label,
        }
    )


def test_split_is_stratified_and_reproducible():
    frame = users()
    split = split_rows(frame, "is_positive", 0.25, random_state=3)
    assert (split == SPLIT_TEST).mean() == pytest.approx(0.25, abs=0.01)
    rates = frame.groupby(split)["is_positive"].mean()
    assert rates[SPLIT_TEST] == pytest.approx(rates[SPLIT_TRAIN], abs=0.02)
    assert split.equals(split_rows(frame, "is_positive", 0.25, random_state=3))
    with pytest.raises(ValueError):
        split_rows(frame, "is_positive", 1.5, random_state=3)


def test_one_class_is_a_clear_error():
    frame = users().assign(is_positive=False)
    with pytest.raises(ValueError, match="both values"):
        fit_models(frame, FEATURES, "feature_count", "is_positive", 10, 0)


def test_forest_beats_the_one_feature_baseline_on_an_interaction():
    from sklearn.metrics import roc_auc_score

    models, predictions = labelled_predictions(
        users(), "user_id", FEATURES, "feature_count", "is_positive", 0.3, 100, 1
    )
    test = predictions[predictions.split == SPLIT_TEST]
    forest = roc_auc_score(test.is_positive, test.forest_probability)
    baseline = roc_auc_score(test.is_positive, test.baseline_probability)
    assert forest > baseline + 0.05
    assert (
        predictions[["forest_probability", "baseline_probability"]]
        .stack()
        .between(0, 1)
        .all()
    )
    assert test.base_rate_probability.nunique() == 1


def test_batch_scoring_equals_scoring_at_once():
    frame = users()
    models, _ = labelled_predictions(
        frame, "user_id", FEATURES, "feature_count", "is_positive", 0.3, 50, 2
    )
    batches = (frame[frame.user_id % 4 == part] for part in range(4))
    scored = score_batches(models, batches, "user_id")
    whole = predict(models, frame)
    assert scored.user_id.tolist() == frame.user_id.tolist()
    np.testing.assert_allclose(scored.forest_probability, whole.forest_probability)


def test_feature_importances_rank_the_signal_above_noise():
    frame = users(seed=4)
    models, predictions = labelled_predictions(
        frame, "user_id", FEATURES, "feature_count", "is_positive", 0.3, 100, 4
    )
    importances = feature_importances(
        models,
        frame[(predictions.split == SPLIT_TEST).to_numpy()],
        "is_positive",
        4,
    ).set_index("feature_name")
    assert importances.loc["feature_noise", "importance_rank"] == 3
    assert importances.impurity_importance.sum() == pytest.approx(1.0)


def test_fit_status_needs_enough_rows_and_both_classes():
    from audience_warehouse.core.classifier import fit_status

    assert fit_status(pd.Series([True, False] * 20), 40) == "fitted"
    assert fit_status(pd.Series([True, False] * 19), 40).startswith("too few")
    assert fit_status(pd.Series([True] + [False] * 49), 40).startswith("one class")


def test_best_f1_threshold_separates_a_separable_set():
    from audience_warehouse.core.classifier import best_f1_threshold

    probabilities = np.array([0.1, 0.2, 0.35, 0.4, 0.8, 0.9])
    labels = np.array([False, False, False, True, True, True])
    assert best_f1_threshold(probabilities, labels) == pytest.approx(0.4)
    assert best_f1_threshold(probabilities, np.zeros(6, dtype=bool)) == 0.5
