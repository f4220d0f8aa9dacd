"""The early-activity classifier helpers."""

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.core.classifier import (
    SPLIT_TEST,
    SPLIT_TRAIN,
    SPLIT_VALIDATION,
    feature_importances,
    fit_models,
    labelled_predictions,
    predict,
    score_batches,
    serve_on_validation,
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


def test_held_out_rows_are_cut_in_seeded_stratified_halves():
    frame = users()
    _, predictions = labelled_predictions(
        frame, "user_id", FEATURES, "feature_count", "is_positive", 0.3, 30, 5
    )
    # Train is the plain split's; only its held-out rows are cut in two.
    plain = split_rows(frame, "is_positive", 0.3, random_state=5)
    assert ((predictions.split == SPLIT_TRAIN) == (plain == SPLIT_TRAIN)).all()
    counts = predictions.split.value_counts()
    held_out = (plain == SPLIT_TEST).sum()
    assert counts[SPLIT_VALIDATION] == held_out // 2
    assert counts[SPLIT_TEST] == held_out - held_out // 2
    # Stratified: the positives are shared as evenly as the rows.
    positives = predictions.groupby("split").is_positive.sum()
    assert abs(positives[SPLIT_VALIDATION] - positives[SPLIT_TEST]) <= 1
    # Input order does not matter; the seed does.
    _, shuffled = labelled_predictions(
        frame.sample(frac=1, random_state=9),
        "user_id", FEATURES, "feature_count", "is_positive", 0.3, 30, 5,
    )  # fmt: skip
    assert shuffled.split.equals(predictions.split)
    _, other_seed = labelled_predictions(
        frame, "user_id", FEATURES, "feature_count", "is_positive", 0.3, 30, 6
    )
    assert not other_seed.split.equals(predictions.split)


CANDIDATES = {"baseline": "baseline_probability", "forest": "forest_probability"}


def _scored(rows: list[tuple[str, bool, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=["split", "is_positive", "baseline_probability", "forest_probability"],
    )


def test_the_served_model_has_the_lower_validation_brier_score():
    # Validation: forest (0.1^2 + 0.3^2) / 2 = 0.05, baseline (0.4^2 +
    # 0.4^2) / 2 = 0.16. The test rows, where the baseline is perfect and
    # the forest wrong, are never looked at.
    scored = _scored(
        [
            ("validation", True, 0.6, 0.9),
            ("validation", False, 0.4, 0.3),
            ("test", True, 1.0, 0.0),
            ("test", False, 0.0, 1.0),
            ("train", True, 0.0, 0.0),
        ]
    )
    choice = serve_on_validation(scored, "is_positive", CANDIDATES, "users")
    assert choice.served == "forest"
    assert choice.validation_brier == pytest.approx({"forest": 0.05, "baseline": 0.16})
    assert choice.validation_rows == 2
    assert choice.reason == (
        "forest served: the lowest Brier score on 2 validation users (0.0500, "
        "against 0.1600 for baseline); baseline not served"
    )
    # The forest worse on validation: the baseline is served, and the
    # reason says the forest is not.
    worse = scored.assign(
        forest_probability=[0.2, 0.9, 0.0, 1.0, 0.0]
    )  # validation Brier (0.64 + 0.81) / 2 = 0.725
    choice = serve_on_validation(worse, "is_positive", CANDIDATES, "users")
    assert choice.served == "baseline"
    assert choice.reason.endswith(
        "(0.1600, against 0.7250 for forest); forest not served"
    )


def test_a_tie_goes_to_the_simpler_model():
    scored = _scored([("validation", True, 0.7, 0.7), ("validation", False, 0.2, 0.2)])
    choice = serve_on_validation(scored, "is_positive", CANDIDATES, "users")
    assert choice.served == "baseline"
    assert "a tie" in choice.reason and "simpler model" in choice.reason
    reordered = {"forest": "forest_probability", "baseline": "baseline_probability"}
    assert serve_on_validation(scored, "is_positive", reordered).served == "forest"
    # Nothing to choose on: the simplest, said so.
    none = serve_on_validation(scored.assign(split="test"), "is_positive", CANDIDATES)
    assert none.served == "baseline" and "no validation rows" in none.reason


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
