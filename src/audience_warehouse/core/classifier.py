"""Binary classifier harness: a random forest against simple baselines.

Rows are split into train and held-out (stratified by the label, seeded),
and the held-out rows into a validation half and a test half (the same
way); a
random forest on the listed features and a one-feature logistic regression
(the baseline feature, log-scaled) are fitted on train, without class
re-weighting, so their probabilities estimate rates (a balanced forest's
mean "probability" sat far above the base rate); a constant baseline
predicts the training base rate. Each model's decision threshold is chosen
on training data only (the forest's out-of-bag probabilities, the
logistic's training probabilities: the highest F1). Metrics are computed
from the held-out predictions in SQL. :func:`serve_on_validation` chooses
the model to serve by the Brier score on the validation half (ties to the
simpler model); the test half only reports. :func:`fit_status` says,
before any fit, whether the labelled rows can support one. The fans domain uses it
for its early-activity classifier (:mod:`audience_warehouse.fans.models`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import train_test_split

from audience_warehouse.core.threads import one_thread

SPLIT_TRAIN = "train"
SPLIT_VALIDATION = "validation"
SPLIT_TEST = "test"
SPLIT_UNLABELLED = "unlabelled"
STATUS_FITTED = "fitted"
MIN_ROWS_PER_CLASS = 2
# The constant baseline predicts the majority class of its training rows.
BASE_RATE_THRESHOLD = 0.5
PROBABILITY_COLUMNS = [
    "forest_probability",
    "baseline_probability",
    "base_rate_probability",
]
THRESHOLD_COLUMNS = ["forest_threshold", "baseline_threshold", "base_rate_threshold"]


def nulls(length: int, dtype: str = "Float64") -> pd.api.extensions.ExtensionArray:
    """A column of ``length`` nulls (SQL NULL, not NaN, once in the warehouse)."""
    return pd.array([None] * length, dtype=dtype)


@dataclass(frozen=True)
class EarlyActivityModels:
    """The fitted models and what they were fitted on."""

    forest: RandomForestClassifier
    baseline: LogisticRegression
    base_rate: float
    features: list[str]
    baseline_feature: str
    forest_threshold: float
    baseline_threshold: float


def fit_status(labels: pd.Series, min_rows: int, unit: str = "rows") -> str:
    """``'fitted'`` when ``labels`` can train and test a classifier (at
    least ``min_rows`` rows and two of each class, so a stratified split
    puts both classes in train and test); otherwise the reason, in words."""
    rows = len(labels)
    positives = int(labels.astype(bool).sum())
    if rows < min_rows:
        return (
            f"too few labelled {unit}: {rows} labelled, {min_rows} needed "
            "with both classes"
        )
    if min(positives, rows - positives) < MIN_ROWS_PER_CLASS:
        return (
            f"one class only: {positives} of {rows} labelled {unit} positive, "
            f"at least {MIN_ROWS_PER_CLASS} of each class needed"
        )
    return STATUS_FITTED


def best_f1_threshold(
    probabilities: np.ndarray, labels: np.ndarray, known: np.ndarray | None = None
) -> float:
    """The probability threshold with the highest F1 on (training) rows,
    over the rows marked ``known`` (default: every non-NaN probability);
    0.5 when there is no positive row to find."""
    known = ~np.isnan(probabilities) if known is None else known
    if not labels[known].any():
        return 0.5
    precision, recall, thresholds = precision_recall_curve(
        labels[known], probabilities[known]
    )
    f1 = np.divide(
        2 * precision * recall,
        precision + recall,
        out=np.zeros_like(precision),
        where=(precision + recall) > 0,
    )[:-1]
    return float(thresholds[int(np.argmax(f1))])


def split_rows(
    frame: pd.DataFrame, label: str, test_share: float, random_state: int
) -> pd.Series:
    """'train' / 'test' per row, stratified by ``label`` when both classes
    have at least two rows."""
    if not 0.0 < test_share < 1.0:
        raise ValueError("test_share must be between 0 and 1")
    labels = frame[label].astype(bool)
    stratify = labels if labels.value_counts().min() >= 2 else None
    _, test_index = train_test_split(
        frame.index, test_size=test_share, random_state=random_state, stratify=stratify
    )
    split = pd.Series(SPLIT_TRAIN, index=frame.index)
    split[test_index] = SPLIT_TEST
    return split


def split_held_out(split: pd.Series, labels: pd.Series, random_state: int) -> pd.Series:
    """``split`` with its 'test' rows cut in two seeded halves, stratified
    by ``labels`` when both classes have at least two held-out rows:
    'validation' (where the model to serve is chosen) and 'test' (where
    every model is reported, never chosen). Same order and seed, same
    halves; an odd row goes to the test half."""
    held_out = split.index[split == SPLIT_TEST]
    if len(held_out) < 2:
        return split.copy()
    held_labels = labels[held_out].astype(bool)
    counts = held_labels.value_counts()
    stratify = held_labels if len(counts) == 2 and counts.min() >= 2 else None
    validation_index, _ = train_test_split(
        held_out,
        train_size=len(held_out) // 2,
        random_state=random_state,
        stratify=stratify,
    )
    halves = split.copy()
    halves[validation_index] = SPLIT_VALIDATION
    return halves


@dataclass(frozen=True)
class ServedChoice:
    """The model to serve, chosen on the validation rows."""

    served: str
    validation_brier: dict[str, float]
    validation_rows: int
    reason: str


def serve_on_validation(
    predictions: pd.DataFrame,
    label: str,
    candidates: Mapping[str, str],
    unit: str = "rows",
) -> ServedChoice:
    """Choose the model to serve on the ``split == 'validation'`` rows of
    ``predictions``: the lowest Brier score (mean squared difference
    between the probability and the 0/1 label; it scores the probability
    that is served). ``candidates`` maps each model's name to its
    probability column, simplest first: on a tie the simpler model wins.
    The reason says, in words, which model won with the figures, and that
    the others are not served. Without validation rows the simplest model
    is served, and the reason says so."""
    if not candidates:
        raise ValueError("no candidate model to choose from")
    order = list(candidates)
    validation = predictions[predictions["split"] == SPLIT_VALIDATION]
    if validation.empty:
        return ServedChoice(
            order[0], {}, 0, f"{order[0]} served: no validation {unit} to choose on"
        )
    outcome = validation[label].astype(float).to_numpy()
    brier = {
        name: float(np.mean((validation[column].to_numpy(dtype=float) - outcome) ** 2))
        for name, column in candidates.items()
    }
    served = min(order, key=lambda name: (brier[name], order.index(name)))
    others = [name for name in order if name != served]
    figures = ", ".join(f"{brier[name]:.4f} for {name}" for name in others)
    rows = f"{len(validation)} validation {unit}"
    if any(brier[name] == brier[served] for name in others):
        reason = (
            f"{served} served: a tie on {rows} (Brier score "
            f"{brier[served]:.4f}, against {figures}) goes to the simpler model"
        )
    else:
        reason = (
            f"{served} served: the lowest Brier score on {rows} "
            f"({brier[served]:.4f}, against {figures})"
        )
    reason += f"; {', '.join(others)} not served"
    return ServedChoice(served, brier, len(validation), reason)


def _baseline_input(frame: pd.DataFrame, feature: str) -> np.ndarray:
    return np.log1p(frame[[feature]].to_numpy(dtype=float))


def fit_models(
    train: pd.DataFrame,
    features: Sequence[str],
    baseline_feature: str,
    label: str,
    n_estimators: int,
    random_state: int,
) -> EarlyActivityModels:
    """Fit the forest and the baselines on ``train``."""
    if train.empty or train[label].nunique() < 2:
        raise ValueError(
            f"the training rows need both values of {label!r}: too few labelled "
            "rows, or the label rule leaves one class empty"
        )
    one_thread()  # see core.threads
    y = train[label].astype(bool).to_numpy()
    forest = RandomForestClassifier(
        n_estimators=n_estimators,
        min_samples_leaf=20,
        oob_score=True,
        random_state=random_state,
        n_jobs=1,
    ).fit(train[list(features)].to_numpy(dtype=float), y)
    baseline_input = _baseline_input(train, baseline_feature)
    baseline = LogisticRegression().fit(baseline_input, y)
    return EarlyActivityModels(
        forest,
        baseline,
        float(y.mean()),
        list(features),
        baseline_feature,
        # A row no tree left out has no out-of-bag vote ([0, 0]): not a
        # confident negative, so it is left out of the choice.
        forest_threshold=best_f1_threshold(
            forest.oob_decision_function_[:, 1],
            y,
            known=forest.oob_decision_function_.sum(axis=1) > 0,
        ),
        baseline_threshold=best_f1_threshold(
            baseline.predict_proba(baseline_input)[:, 1], y
        ),
    )


def thresholds(models: EarlyActivityModels) -> dict[str, float]:
    """Each model's decision threshold, by its column name."""
    return {
        "forest_threshold": models.forest_threshold,
        "baseline_threshold": models.baseline_threshold,
        "base_rate_threshold": BASE_RATE_THRESHOLD,
    }


def predict(models: EarlyActivityModels, frame: pd.DataFrame) -> pd.DataFrame:
    """Probabilities of the positive label, per row of ``frame``."""
    return pd.DataFrame(
        {
            "forest_probability": models.forest.predict_proba(
                frame[models.features].to_numpy(dtype=float)
            )[:, 1],
            "baseline_probability": models.baseline.predict_proba(
                _baseline_input(frame, models.baseline_feature)
            )[:, 1],
            "base_rate_probability": models.base_rate,
        },
        index=frame.index,
    )


def labelled_predictions(
    sample: pd.DataFrame,
    key: str,
    features: Sequence[str],
    baseline_feature: str,
    label: str,
    test_share: float,
    n_estimators: int,
    random_state: int,
) -> tuple[EarlyActivityModels, pd.DataFrame]:
    """Split ``sample``, fit on train, predict every row of it.

    Returns the models and one row per input row: ``key``, ``split``
    (train, validation or test: the held-out rows in two seeded halves,
    :func:`split_held_out`), ``label`` and the three probabilities. Rows
    are sorted by ``key`` first, so the split does not depend on input
    order.
    """
    sample = sample.sort_values(key, ignore_index=True)
    split = split_rows(sample, label, test_share, random_state)
    split = split_held_out(split, sample[label], random_state)
    models = fit_models(
        sample[split == SPLIT_TRAIN], features, baseline_feature, label,
        n_estimators, random_state,
    )  # fmt: skip
    predictions = predict(models, sample)
    predictions.insert(0, label, sample[label].astype(bool))
    predictions.insert(0, "split", split)
    predictions.insert(0, key, sample[key])
    return models, predictions


def time_split_predictions(
    sample: pd.DataFrame,
    key: str,
    time_column: str,
    cut: pd.Timestamp,
    features: Sequence[str],
    baseline_feature: str,
    label: str,
    n_estimators: int,
    random_state: int,
    min_rows: int,
    unit: str = "rows",
    label_known_column: str | None = None,
) -> tuple[str, pd.DataFrame]:
    """Out-of-time evaluation: fit on the rows of ``sample`` whose
    ``time_column`` is before ``cut`` (and, with ``label_known_column``,
    whose label was known by then: its window ended at or before ``cut``,
    so no training label counts anything after the cut), predict the rows
    at or after it.

    Returns the status (``'fitted'``, or why not: too few rows before the
    cut, or none after it) and one row per input row: ``key``, ``split``
    (train / test, null for rows before the cut whose label was not yet
    known), ``label`` and the three probabilities with their thresholds
    (null when not fitted)."""
    sample = sample.sort_values(key, ignore_index=True)
    is_test = (sample[time_column] >= cut).to_numpy()
    is_train = ~is_test
    if label_known_column is not None:
        is_train &= (sample[label_known_column] <= cut).to_numpy()
    train = sample[is_train]
    status = fit_status(train[label], min_rows, unit)
    if status == STATUS_FITTED and not is_test.any():
        status = f"no labelled {unit} at or after the cut date {cut:%Y-%m-%d}"
    split = np.where(is_test, SPLIT_TEST, np.where(is_train, SPLIT_TRAIN, None))
    frame = pd.DataFrame(
        {
            key: sample[key],
            "split": pd.array(split, dtype="string"),
            label: sample[label].astype(bool),
        }
    )
    if status != STATUS_FITTED:
        columns = [*PROBABILITY_COLUMNS, *THRESHOLD_COLUMNS]
        return status, frame.assign(**{column: nulls(len(frame)) for column in columns})
    models = fit_models(
        train, features, baseline_feature, label, n_estimators, random_state
    )
    frame = pd.concat([frame, predict(models, sample)], axis=1)
    return status, frame.assign(**thresholds(models))


def score_batches(
    models: EarlyActivityModels, batches: Iterable[pd.DataFrame], key: str
) -> pd.DataFrame:
    """Probabilities for every row of ``batches`` (chunks of a large table),
    keeping only the key and the probabilities in memory."""
    pieces = [
        pd.concat(
            [
                batch[[key]].reset_index(drop=True),
                predict(models, batch).reset_index(drop=True),
            ],
            axis=1,
        )
        for batch in batches
        if not batch.empty
    ]
    if not pieces:
        return pd.DataFrame(
            columns=[
                key,
                "forest_probability",
                "baseline_probability",
                "base_rate_probability",
            ]
        )
    return pd.concat(pieces, ignore_index=True).sort_values(key, ignore_index=True)


def feature_importances(
    models: EarlyActivityModels,
    test: pd.DataFrame,
    label: str,
    random_state: int,
    n_repeats: int = 5,
) -> pd.DataFrame:
    """Per feature: the forest's impurity importance and the permutation
    importance on the held-out rows (mean drop in ROC AUC, and its
    standard deviation over ``n_repeats`` shuffles). With one class among
    the held-out rows there is no ROC AUC to drop: the permutation columns
    are null and the rank follows the impurity importance."""
    if test[label].astype(bool).nunique() < 2:
        permutation = nulls(len(models.features))
        permutation_std = nulls(len(models.features))
        rank_by = "impurity_importance"
    else:
        one_thread()  # see core.threads
        permuted = permutation_importance(
            models.forest,
            test[models.features].to_numpy(dtype=float),
            test[label].astype(bool).to_numpy(),
            scoring="roc_auc",
            n_repeats=n_repeats,
            random_state=random_state,
        )
        permutation = permuted.importances_mean
        permutation_std = permuted.importances_std
        rank_by = "permutation_importance"
    frame = pd.DataFrame(
        {
            "feature_name": models.features,
            "impurity_importance": models.forest.feature_importances_,
            "permutation_importance": permutation,
            "permutation_importance_std": permutation_std,
        }
    )
    frame["importance_rank"] = (
        frame[rank_by].rank(ascending=False, method="first").astype(int)
    )
    return frame.sort_values("importance_rank", ignore_index=True)
