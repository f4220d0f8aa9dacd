"""Poisson GLM with coefficients as data, and its cross-validation."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import poisson

from audience_warehouse.core.glm import (
    BASELINE_MEAN,
    BASELINE_MEDIAN,
    MODEL_EXPECTED,
    MODEL_MEDIAN,
    MODEL_NAMES,
    cross_validated_predictions,
    fit_poisson_coefficients,
    poisson_median,
)
from audience_warehouse.core.parameters import score_with_coefficients

NUMERIC = ["log_size"]
CATEGORICAL = ["group"]


def synthetic(n: int = 600, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    log_size = rng.normal(2.0, 1.0, n)
    group = rng.choice(["a", "b", "c"], n)
    effect = pd.Series(group).map({"a": 0.0, "b": 0.7, "c": -0.5}).to_numpy()
    counts = rng.poisson(np.exp(-1.0 + 0.8 * log_size + effect))
    return pd.DataFrame(
        {"id": np.arange(n), "log_size": log_size, "group": group, "y": counts}
    )


def test_poisson_median_matches_the_exact_median():
    mu = np.array([0.01, 0.2, 0.5, 0.9, 1.0, 1.5, 2.0, 3.7, 10.0, 55.5])
    assert poisson_median(mu).tolist() == poisson.median(mu).tolist()
    assert poisson_median(np.array([0.0])).tolist() == [0.0]


def test_cross_validated_predictions_cover_each_row_once_per_model():
    frame = synthetic()
    predictions = cross_validated_predictions(
        frame,
        "id",
        ["y"],
        NUMERIC,
        CATEGORICAL,
        n_splits=5,
        alpha=1e-3,
        random_state=0,
    )
    assert set(predictions["model_name"]) == set(MODEL_NAMES)
    counts = predictions.groupby("model_name")["id"].agg(["count", "nunique"])
    assert (counts["count"] == len(frame)).all() and (
        counts["nunique"] == len(frame)
    ).all()
    assert set(predictions["fold_number"]) == {1, 2, 3, 4, 5}


def test_baselines_use_only_the_training_folds():
    frame = synthetic()
    predictions = cross_validated_predictions(
        frame,
        "id",
        ["y"],
        NUMERIC,
        CATEGORICAL,
        n_splits=4,
        alpha=1e-3,
        random_state=3,
    )
    means = predictions[predictions.model_name == BASELINE_MEAN]
    for _, rows in means.groupby("fold_number"):
        training = frame[~frame["id"].isin(rows["id"])]
        assert rows["predicted_value"].nunique() == 1
        assert rows["predicted_value"].iloc[0] == pytest.approx(training["y"].mean())
    medians = predictions[predictions.model_name == BASELINE_MEDIAN]
    assert medians.groupby("fold_number")["predicted_value"].nunique().eq(1).all()


def test_glm_beats_the_baselines_on_data_with_signal():
    predictions = cross_validated_predictions(
        synthetic(),
        "id",
        ["y"],
        NUMERIC,
        CATEGORICAL,
        n_splits=5,
        alpha=1e-3,
        random_state=0,
    )
    mae = (
        (predictions.predicted_value - predictions.actual_value)
        .abs()
        .groupby(predictions.model_name)
        .mean()
    )
    assert mae[MODEL_MEDIAN] < min(mae[BASELINE_MEAN], mae[BASELINE_MEDIAN])
    assert mae[MODEL_EXPECTED] < mae[BASELINE_MEAN]


def test_same_seed_same_predictions_and_row_order_does_not_matter():
    frame = synthetic()
    args = ("id", ["y"], NUMERIC, CATEGORICAL, 5, 1e-3, 11)
    first = cross_validated_predictions(frame, *args)
    shuffled = cross_validated_predictions(frame.sample(frac=1, random_state=1), *args)
    pd.testing.assert_frame_equal(first, shuffled)


def test_coefficients_recover_the_effects_and_score_like_the_formula():
    frame = synthetic(n=4000, seed=2)
    coefficients = fit_poisson_coefficients(
        frame, "id", ["y"], NUMERIC, CATEGORICAL, 1e-6
    )
    assert set(coefficients["term_kind"]) == {"intercept", "numeric", "level"}
    levels = coefficients[coefficients.term_kind == "level"].set_index("level_value")
    assert levels.loc["b", "coefficient"] - levels.loc[
        "a", "coefficient"
    ] == pytest.approx(0.7, abs=0.1)
    numeric = coefficients[coefficients.term_kind == "numeric"].iloc[0]
    assert numeric.coefficient / numeric.feature_scale == pytest.approx(0.8, abs=0.05)
    expected = score_with_coefficients(frame, coefficients, "y")
    assert expected.sum() == pytest.approx(frame["y"].sum(), rel=0.01)


def test_unseen_level_contributes_nothing():
    frame = synthetic()
    coefficients = fit_poisson_coefficients(
        frame, "id", ["y"], NUMERIC, CATEGORICAL, 1e-3
    )
    unseen = frame.head(3).assign(group="zzz")
    intercept = coefficients.loc[
        coefficients.term_kind == "intercept", "coefficient"
    ].iloc[0]
    numeric = coefficients[coefficients.term_kind == "numeric"].iloc[0]
    linear = (
        intercept
        + numeric.coefficient
        * (unseen["log_size"] - numeric.feature_mean)
        / numeric.feature_scale
    )
    assert np.allclose(
        score_with_coefficients(unseen, coefficients, "y"), np.exp(linear)
    )
