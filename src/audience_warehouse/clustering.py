"""KMeans on standardised features, with k chosen by the data.

Fit small, assign at scale: :func:`fit_kmeans_parameters` returns the scaler
and the centroids as one row per cluster, so that any number of rows can be
assigned in SQL (``sum(((x - mean) / scale - centroid)^2)``, argmin).
:func:`assign_clusters` does the same assignment in numpy, for tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score


def standardise(
    features: pd.DataFrame, scale: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(scaled, means, scales)``; a constant column gets scale 1.

    With ``scale=False`` the features are taken as already standardised
    (e.g. in SQL): they are returned as they are, with means 0 and scales 1.
    """
    values = features.to_numpy(dtype=float)
    if len(values) == 0:
        raise ValueError("no rows to cluster: every input row was rejected?")
    if np.isnan(values).any():
        raise ValueError("features contain nulls; fill or reject them in SQL first")
    if not scale:
        return values, np.zeros(values.shape[1]), np.ones(values.shape[1])
    means = values.mean(axis=0)
    scales = values.std(axis=0)
    scales[scales == 0.0] = 1.0
    return (values - means) / scales, means, scales


def _kmeans(k: int, random_state: int, n_init: int) -> KMeans:
    return KMeans(
        n_clusters=k, init="k-means++", n_init=n_init, random_state=random_state
    )


def score_k_range(
    features: pd.DataFrame,
    k_values: Sequence[int],
    random_state: int,
    n_init: int = 10,
    scale: bool = True,
    silhouette_sample_size: int = 10_000,
) -> pd.DataFrame:
    """Inertia and silhouette of KMeans for each k (one row per k).

    k values the data cannot support (k at least the number of distinct
    rows: a silhouette needs two clusters with different points) are
    skipped; if none is left, a ValueError says so. The silhouette costs
    memory in n squared, so above
    ``silhouette_sample_size`` rows it is computed on a seeded subsample.
    """
    scaled, _, _ = standardise(features, scale)
    distinct_rows = len(np.unique(scaled, axis=0))
    rows = []
    for k in sorted(set(k_values)):
        if k < 2 or k >= distinct_rows:
            continue
        fitted = _kmeans(k, random_state, n_init).fit(scaled)
        rows.append(
            {
                "k": k,
                "inertia": float(fitted.inertia_),
                "silhouette": float(
                    silhouette_score(
                        scaled,
                        fitted.labels_,
                        sample_size=min(silhouette_sample_size, len(scaled)),
                        random_state=random_state,
                    )
                ),
            }
        )
    if not rows:
        raise ValueError(
            f"no k in {list(k_values)} fits {len(scaled)} rows with "
            f"{distinct_rows} distinct feature values: too little variety to cluster"
        )
    return pd.DataFrame(rows)


SELECTION_RULE_SILHOUETTE = "highest silhouette"
SELECTION_RULE_FORCED = "forced"


def choose_k(scores: pd.DataFrame, forced_k: int | None) -> pd.DataFrame:
    """Mark the chosen k in ``scores`` (from :func:`score_k_range`).

    The rule: the k with the highest silhouette (the smaller k on a tie).
    ``forced_k`` overrides it; it need not be in ``scores``, and is then
    added as a row of its own with null scores. Adds ``is_chosen`` and
    ``selection_rule``.
    """
    chosen = scores.copy()
    if forced_k is None:
        best = chosen.sort_values(["silhouette", "k"], ascending=[False, True])
        k, rule = int(best.iloc[0]["k"]), SELECTION_RULE_SILHOUETTE
    else:
        k, rule = int(forced_k), SELECTION_RULE_FORCED
        if k not in set(chosen["k"]):
            extra = pd.DataFrame(
                {"k": [k], "inertia": [np.nan], "silhouette": [np.nan]}
            )
            chosen = pd.concat([chosen, extra], ignore_index=True).sort_values("k")
    chosen["is_chosen"] = chosen["k"] == k
    chosen["selection_rule"] = rule
    return chosen.reset_index(drop=True)


def fit_kmeans_parameters(
    features: pd.DataFrame,
    k: int,
    random_state: int,
    n_init: int = 10,
    scale: bool = True,
) -> pd.DataFrame:
    """Fit KMeans and return its parameters, one row per cluster.

    Columns: ``cluster_id`` (1 = largest cluster), ``cluster_size`` (rows of
    the fit sample), then for each feature ``f``: ``f__mean`` and ``f__scale``
    (the scaler, equal on every row) and ``f__centroid`` (in scaled units).
    """
    scaled, means, scales = standardise(features, scale)
    fitted = _kmeans(k, random_state, n_init).fit(scaled)
    return _parameters(fitted, list(features.columns), means, scales)


def _parameters(
    fitted: KMeans, names: list[str], means: np.ndarray, scales: np.ndarray
) -> pd.DataFrame:
    """The rows of :func:`fit_kmeans_parameters` from a fitted KMeans."""
    k = fitted.n_clusters
    sizes = np.bincount(fitted.labels_, minlength=k)
    # Number clusters by size (largest first), then by centroid, so ids are stable.
    order = sorted(
        range(k), key=lambda c: (-sizes[c], tuple(fitted.cluster_centers_[c]))
    )
    rows = []
    for new_id, old_id in enumerate(order, start=1):
        row: dict[str, float | int] = {
            "cluster_id": new_id,
            "cluster_size": int(sizes[old_id]),
        }
        for index, name in enumerate(names):
            row[f"{name}__mean"] = float(means[index])
            row[f"{name}__scale"] = float(scales[index])
            row[f"{name}__centroid"] = float(fitted.cluster_centers_[old_id, index])
        rows.append(row)
    return pd.DataFrame(rows)


def assign_clusters(features: pd.DataFrame, parameters: pd.DataFrame) -> np.ndarray:
    """Nearest-centroid ``cluster_id`` per row, from :func:`fit_kmeans_parameters`."""
    names = list(features.columns)
    means = parameters[[f"{n}__mean" for n in names]].iloc[0].to_numpy(dtype=float)
    scales = parameters[[f"{n}__scale" for n in names]].iloc[0].to_numpy(dtype=float)
    centroids = parameters[[f"{n}__centroid" for n in names]].to_numpy(dtype=float)
    scaled = (features.to_numpy(dtype=float) - means) / scales
    distances = ((scaled[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return parameters["cluster_id"].to_numpy()[distances.argmin(axis=1)]


def kmeans_stability(
    features: pd.DataFrame,
    k: int,
    random_state: int,
    runs: int,
    n_init: int = 10,
    scale: bool = True,
) -> dict[str, float]:
    """How much the partition depends on the seed.

    Fits KMeans with ``random_state`` (the reference) and with ``runs`` other
    seeds (``random_state + 1 ..``), each keeping its best of ``n_init``
    initialisations, and compares each partition to the reference by the
    adjusted Rand index (1 = identical, about 0 = unrelated). Returns the
    reference inertia and the mean and minimum index.
    """
    scaled, _, _ = standardise(features, scale)
    reference = _kmeans(k, random_state, n_init).fit(scaled)
    return _stability(scaled, reference, random_state, runs, n_init)


def fit_kmeans_with_stability(
    features: pd.DataFrame,
    k: int,
    random_state: int,
    runs: int,
    n_init: int = 10,
    scale: bool = True,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """:func:`fit_kmeans_parameters` and :func:`kmeans_stability` together,
    fitting the reference KMeans once (it is the costly fit: ``n_init``
    initialisations on the whole sample)."""
    scaled, means, scales = standardise(features, scale)
    reference = _kmeans(k, random_state, n_init).fit(scaled)
    return (
        _parameters(reference, list(features.columns), means, scales),
        _stability(scaled, reference, random_state, runs, n_init),
    )


def _stability(
    scaled: np.ndarray, reference: KMeans, random_state: int, runs: int, n_init: int
) -> dict[str, float]:
    if runs < 1:
        raise ValueError("runs must be at least 1")
    indices = [
        adjusted_rand_score(
            reference.labels_,
            _kmeans(reference.n_clusters, random_state + offset, n_init)
            .fit(scaled)
            .labels_,
        )
        for offset in range(1, runs + 1)
    ]
    return {
        "inertia": float(reference.inertia_),
        "mean_adjusted_rand_index": float(np.mean(indices)),
        "min_adjusted_rand_index": float(np.min(indices)),
    }


def ward_merges(features: pd.DataFrame, scale: bool = True) -> pd.DataFrame:
    """Ward hierarchical clustering, one row per merge (the dendrogram).

    Columns: ``merge_id`` (1 .. n-1, in merge order), ``left_node_id`` and
    ``right_node_id`` (0 .. n-1 are the input rows in order, n + i - 1 is the
    node made by merge i, as in scipy), ``merge_height`` (Ward distance) and
    ``node_size`` (rows under the new node). Memory grows with n squared:
    call it on a bounded sample.
    """
    scaled, _, _ = standardise(features, scale)
    if len(scaled) < 2:
        raise ValueError("Ward clustering needs at least two rows")
    merges = linkage(scaled, method="ward")
    return pd.DataFrame(
        {
            "merge_id": np.arange(1, len(merges) + 1),
            "left_node_id": merges[:, 0].astype(np.int64),
            "right_node_id": merges[:, 1].astype(np.int64),
            "merge_height": merges[:, 2],
            "node_size": merges[:, 3].astype(np.int64),
        }
    )


def largest_jump_k(merges: pd.DataFrame, k_min: int, k_max: int) -> int:
    """k whose dendrogram cut sits under the largest jump in merge height.

    With merge heights h_1 <= .. <= h_{n-1}, going from k clusters to k - 1
    costs the merge at h_{n-k+1}; its jump over the merge before it,
    h_{n-k+1} - h_{n-k}, measures how distinct the k clusters are. The k in
    [k_min, k_max] with the largest jump wins (the smaller k on a tie). The
    SQL mart fct_segment_k_selection applies the same rule.
    """
    heights = merges.sort_values("merge_id")["merge_height"].to_numpy()
    n = len(heights) + 1
    jumps = {
        k: heights[n - k] - heights[n - k - 1]
        for k in range(max(k_min, 2), min(k_max, n - 1) + 1)
    }
    if not jumps:
        raise ValueError(f"no k in [{k_min}, {k_max}] for {n} rows")
    return min(jumps, key=lambda k: (-jumps[k], k))
