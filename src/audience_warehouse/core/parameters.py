"""Fitted parameters as rows, and the reference functions SQL is checked
against.

Fit small, assign at scale: a model fitted on a bounded sample is written
as plain rows (the scaler, centroids, coefficients), so that SQL can apply
it to any number of rows on any engine. For each layout this module has the
function that writes the rows and the numpy function that applies them the
way the SQL does (``nearest_centroid`` and the GLM scoring in dbt); tests
compare the two.

KMeans parameters, one row per cluster: ``cluster_id``, ``cluster_size``,
and per feature ``f``: ``f__mean`` and ``f__scale`` (the scaler, equal on
every row) and ``f__centroid`` (in scaled units).

GLM terms, one row per term: ``target_name``, ``term_kind`` (intercept /
numeric / level), ``feature_name``, ``level_value``, ``feature_mean``,
``feature_scale``, ``coefficient``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MEAN_SUFFIX = "__mean"
SCALE_SUFFIX = "__scale"
CENTROID_SUFFIX = "__centroid"


def centroid_rows(
    centers: np.ndarray,
    sizes: np.ndarray,
    names: Sequence[str],
    means: np.ndarray,
    scales: np.ndarray,
) -> pd.DataFrame:
    """KMeans parameter rows from fitted centres (scaled units) and sizes.

    Clusters are numbered by size (1 = largest), then by centroid, so ids
    are stable across runs.
    """
    order = sorted(range(len(centers)), key=lambda c: (-sizes[c], tuple(centers[c])))
    rows = []
    for new_id, old_id in enumerate(order, start=1):
        row: dict[str, float | int] = {
            "cluster_id": new_id,
            "cluster_size": int(sizes[old_id]),
        }
        for index, name in enumerate(names):
            row[f"{name}{MEAN_SUFFIX}"] = float(means[index])
            row[f"{name}{SCALE_SUFFIX}"] = float(scales[index])
            row[f"{name}{CENTROID_SUFFIX}"] = float(centers[old_id, index])
        rows.append(row)
    return pd.DataFrame(rows)


def assign_clusters(
    features: pd.DataFrame, parameters: pd.DataFrame, key: str = "cluster_id"
) -> np.ndarray:
    """Nearest-centroid ``key`` per row of ``features`` from KMeans parameter
    rows: the reference for the SQL macro ``nearest_centroid`` (ties to the
    smaller id)."""
    names = list(features.columns)
    ordered = parameters.sort_values(key)
    means = ordered[[f"{n}{MEAN_SUFFIX}" for n in names]].iloc[0].to_numpy(float)
    scales = ordered[[f"{n}{SCALE_SUFFIX}" for n in names]].iloc[0].to_numpy(float)
    centroids = ordered[[f"{n}{CENTROID_SUFFIX}" for n in names]].to_numpy(float)
    scaled = (features.to_numpy(dtype=float) - means) / scales
    distances = ((scaled[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return ordered[key].to_numpy()[distances.argmin(axis=1)]


def glm_term(
    target: str,
    kind: str,
    feature: str | None,
    level: str | None,
    mean: float | None,
    scale: float | None,
    coefficient: float,
) -> dict[str, object]:
    """One GLM term row."""
    return {
        "target_name": target,
        "term_kind": kind,
        "feature_name": feature,
        "level_value": level,
        "feature_mean": None if mean is None else float(mean),
        "feature_scale": None if scale is None else float(scale),
        "coefficient": float(coefficient),
    }


def score_with_coefficients(
    frame: pd.DataFrame, coefficients: pd.DataFrame, target: str
) -> np.ndarray:
    """Expected counts for ``frame`` from GLM term rows: the reference for the
    SQL scoring (exp of intercept + scaled numeric terms + matching levels;
    an unseen level adds nothing)."""
    terms = coefficients[coefficients["target_name"] == target]
    linear = np.full(
        len(frame), terms.loc[terms.term_kind == "intercept", "coefficient"].sum()
    )
    for term in terms[terms.term_kind == "numeric"].itertuples():
        values = frame[term.feature_name].to_numpy(dtype=float)
        linear += term.coefficient * (values - term.feature_mean) / term.feature_scale
    for term in terms[terms.term_kind == "level"].itertuples():
        linear += term.coefficient * (
            frame[term.feature_name].astype(str).to_numpy() == term.level_value
        )
    return np.exp(linear)
