"""Standard scaling, with the scaler kept as data.

The scaler (one mean and one scale per feature) is fitted on a bounded
sample and stored beside the model's other parameters, so that SQL can
standardise any number of rows with it later (``(x - mean) / scale``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def fit_scaler(features: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Means and population standard deviations per column (as scikit-learn's
    StandardScaler); a constant column gets scale 1. Rejects empty input and
    nulls with a clear message."""
    values = _values(features)
    scales = values.std(axis=0)
    scales[scales == 0.0] = 1.0
    return values.mean(axis=0), scales


def standardise(
    features: pd.DataFrame, scale: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(scaled, means, scales)``; a constant column gets scale 1.

    With ``scale=False`` the features are taken as already standardised:
    they are returned as they are, with means 0 and scales 1.
    """
    values = _values(features)
    if not scale:
        return values, np.zeros(values.shape[1]), np.ones(values.shape[1])
    means, scales = fit_scaler(features)
    return (values - means) / scales, means, scales


def apply_scaler(
    features: pd.DataFrame, means: np.ndarray, scales: np.ndarray
) -> np.ndarray:
    """``(features - means) / scales`` with a scaler fitted elsewhere."""
    return (_values(features) - means) / scales


def _values(features: pd.DataFrame) -> np.ndarray:
    values = features.to_numpy(dtype=float)
    if len(values) == 0:
        raise ValueError("no rows to fit on: every input row was rejected?")
    if np.isnan(values).any():
        raise ValueError("features contain nulls; fill or reject them in SQL first")
    return values
