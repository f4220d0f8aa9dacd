"""Count prediction with a Poisson GLM whose coefficients are plain data.

Term rows and the reference scoring function are in :mod:`.parameters`.

The design matrix is built here by hand (standardised numeric columns, one
indicator per category level seen in training) so that the very same
prediction can be written in SQL from the coefficient rows that
:func:`fit_poisson_coefficients` returns:

    expected = exp(intercept + sum(coefficient * (x - mean) / scale)
                             + sum(coefficient of the row's level))

A level unseen in training contributes 0, as scikit-learn's
``OneHotEncoder(handle_unknown="ignore")`` would.

For MAE the point prediction is the median of the fitted Poisson
distribution, not its mean: the median minimises absolute error.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.model_selection import KFold

from audience_warehouse.core.parameters import glm_term
from audience_warehouse.core.threads import one_thread

MODEL_EXPECTED = "poisson_glm_expected"
MODEL_MEDIAN = "poisson_glm_median"
BASELINE_MEAN = "baseline_training_mean"
BASELINE_MEDIAN = "baseline_training_median"
MODEL_NAMES: list[str] = [MODEL_EXPECTED, MODEL_MEDIAN, BASELINE_MEAN, BASELINE_MEDIAN]


def poisson_median(expected: np.ndarray) -> np.ndarray:
    """Median of Poisson(expected), by ``floor(mu + 1/3 - 0.02 / mu)``.

    The closed form (Choi, 1994) is what the SQL scoring uses too; it is
    clipped at 0, and 0 for ``mu == 0``.
    """
    mu = np.asarray(expected, dtype=float)
    with np.errstate(divide="ignore"):
        median = np.floor(mu + 1.0 / 3.0 - 0.02 / mu)
    return np.where(mu > 0, np.maximum(median, 0.0), 0.0)


def _design(
    frame: pd.DataFrame,
    numeric: Sequence[str],
    categorical: Sequence[str],
    means: pd.Series,
    scales: pd.Series,
    levels: dict[str, list[str]],
) -> np.ndarray:
    parts = [((frame[list(numeric)] - means) / scales).to_numpy(dtype=float)]
    for column in categorical:
        values = frame[column].astype(str).to_numpy()
        parts.append(
            (values[:, None] == np.array(levels[column], dtype=object)[None, :]).astype(
                float
            )
        )
    return np.hstack(parts)


def _fit(
    frame: pd.DataFrame,
    target: str,
    numeric: Sequence[str],
    categorical: Sequence[str],
    alpha: float,
) -> tuple[PoissonRegressor, pd.Series, pd.Series, dict[str, list[str]]]:
    means = frame[list(numeric)].mean()
    scales = frame[list(numeric)].std(ddof=0).replace(0.0, 1.0)
    levels = {c: sorted(frame[c].astype(str).unique()) for c in categorical}
    design = _design(frame, numeric, categorical, means, scales, levels)
    # Newton's method to a tight tolerance: the optimum itself, not where
    # L-BFGS stopped. L-BFGS stopped at coefficients 7 % apart when the
    # input differed in the 15th digit (DuckDB's ln against Spark's), so
    # the engines' predictions differed; Newton-Cholesky agrees to 1e-11
    # there and is ten times faster on these few hundred columns.
    model = PoissonRegressor(
        alpha=alpha, solver="newton-cholesky", tol=1e-8, max_iter=1000
    )
    one_thread()  # same inputs, same coefficients (see core.threads)
    model.fit(design, frame[target].to_numpy(dtype=float))
    return model, means, scales, levels


def cross_validated_predictions(
    frame: pd.DataFrame,
    key: str,
    targets: Sequence[str],
    numeric: Sequence[str],
    categorical: Sequence[str],
    n_splits: int,
    alpha: float,
    random_state: int,
) -> pd.DataFrame:
    """Out-of-fold predictions of each target by the GLM and two baselines.

    Returns one row per (key, target, model): ``key``, ``target_name``,
    ``model_name`` (see :data:`MODEL_NAMES`), ``fold_number`` (1-based),
    ``actual_value`` and ``predicted_value``. Baselines are the training
    fold's mean and median of the target. Rows are sorted by ``key`` before
    the seeded split, so the folds do not depend on the input order.
    """
    if len(frame) < n_splits:
        raise ValueError(
            f"{len(frame)} rows cannot be split into {n_splits} folds: "
            "too few clean rows (see the rejects model)"
        )
    frame = frame.sort_values(key, ignore_index=True)
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    pieces = []
    for fold_number, (train_index, test_index) in enumerate(folds.split(frame), 1):
        train, test = frame.iloc[train_index], frame.iloc[test_index]
        for target in targets:
            model, means, scales, levels = _fit(
                train, target, numeric, categorical, alpha
            )
            expected = model.predict(
                _design(test, numeric, categorical, means, scales, levels)
            )
            predictions = {
                MODEL_EXPECTED: expected,
                MODEL_MEDIAN: poisson_median(expected),
                BASELINE_MEAN: np.full(len(test), train[target].mean()),
                BASELINE_MEDIAN: np.full(len(test), train[target].median()),
            }
            for model_name, predicted in predictions.items():
                pieces.append(
                    pd.DataFrame(
                        {
                            key: test[key].to_numpy(),
                            "target_name": target,
                            "model_name": model_name,
                            "fold_number": fold_number,
                            "actual_value": test[target].to_numpy(dtype=float),
                            "predicted_value": np.asarray(predicted, dtype=float),
                        }
                    )
                )
    return pd.concat(pieces, ignore_index=True)


def fit_poisson_coefficients(
    frame: pd.DataFrame,
    key: str,
    targets: Sequence[str],
    numeric: Sequence[str],
    categorical: Sequence[str],
    alpha: float,
) -> pd.DataFrame:
    """Fit one GLM per target on all of ``frame``; return its terms as rows.

    Rows are sorted by ``key`` first, so the fit does not depend on the order
    the rows arrive in.

    Columns: ``target_name``, ``term_kind`` (intercept / numeric / level),
    ``feature_name`` (null for the intercept), ``level_value`` (for level
    terms), ``feature_mean`` and ``feature_scale`` (for numeric terms) and
    ``coefficient``.
    """
    if frame.empty:
        raise ValueError("no rows to fit on: every input row was rejected?")
    frame = frame.sort_values(key, ignore_index=True)
    rows: list[dict[str, object]] = []
    for target in targets:
        model, means, scales, levels = _fit(frame, target, numeric, categorical, alpha)
        coefficients = iter(model.coef_)
        rows.append(
            glm_term(target, "intercept", None, None, None, None, model.intercept_)
        )
        for name in numeric:
            rows.append(
                glm_term(
                    target,
                    "numeric",
                    name,
                    None,
                    means[name],
                    scales[name],
                    next(coefficients),
                )
            )
        for name in categorical:
            for level in levels[name]:
                rows.append(
                    glm_term(
                        target, "level", name, level, None, None, next(coefficients)
                    )
                )
    return pd.DataFrame(rows)
