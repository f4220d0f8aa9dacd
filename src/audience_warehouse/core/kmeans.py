"""KMeans on standardised features, with k chosen by the data.

Fit small, assign at scale: :func:`fit_kmeans_parameters` returns the scaler
and the centroids as one row per cluster (see :mod:`.parameters`), so that
any number of rows can be assigned in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from audience_warehouse.core.inputs import input_frame
from audience_warehouse.core.parameters import centroid_rows
from audience_warehouse.core.params import ModelParams
from audience_warehouse.core.scaling import standardise

SELECTION_RULE_SILHOUETTE = "highest silhouette"
SELECTION_RULE_FORCED = "forced"
SELECTION_RULE_ONE_CLUSTER = "one cluster: too little variety"


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
    silhouette_sample_size: int = 3_000,
) -> pd.DataFrame:
    """Inertia and silhouette of KMeans for each k (one row per k).

    k values the data cannot support (k at least the number of distinct
    rows: a silhouette needs two clusters with different points) are
    skipped; if none is left, a ValueError says so. The silhouette costs
    time and memory in n squared, so above ``silhouette_sample_size`` rows
    it is computed on a seeded subsample: 3,000 rows give the mean to about
    +-0.006 (its standard error) in 0.1 s a k, where 10,000 took 1 to 3 s
    and 20,000 several times that.
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


def select_k(
    features: pd.DataFrame, params: ModelParams, scale: bool = True
) -> pd.DataFrame:
    """:func:`score_k_range` over ``params`` k_min..k_max, then
    :func:`choose_k` with ``params`` forced_k (keys: k_min, k_max, forced_k,
    random_state), with a ``note`` per k where there is something to flag:
    a k the data cannot support (at least the number of distinct rows) is
    listed, not tried; a chosen k at the edge of the range tried says so;
    with fewer than three distinct rows, one cluster (k = 1) is chosen.
    ``scale=False`` takes the features as they are (already in comparable
    units, such as principal components)."""
    k_values = range(params.int("k_min"), params.int("k_max") + 1)
    scaled, _, _ = standardise(features, scale)
    distinct_rows = len(np.unique(scaled, axis=0)) if len(scaled) else 0
    feasible = [k for k in k_values if 2 <= k < distinct_rows]
    forced_k = params.optional_int("forced_k")
    forced_note = None
    if forced_k is not None and forced_k >= max(distinct_rows, 2):
        # A forced k the sample cannot support: the largest k it can.
        supported = max(feasible) if feasible else 1
        forced_note = (
            f"forced k = {forced_k} is more than the sample supports "
            f"({distinct_rows} distinct rows): k = {supported} used"
        )
        forced_k = supported if feasible else None
    if feasible:
        scores = score_k_range(
            features,
            k_values=feasible,
            random_state=params.int("random_state"),
            scale=scale,
        )
        chosen = choose_k(scores, forced_k)
    else:
        chosen = pd.DataFrame(
            {
                "k": [forced_k or 1],
                "inertia": [np.nan],
                "silhouette": [np.nan],
                "is_chosen": [True],
                "selection_rule": [
                    SELECTION_RULE_FORCED if forced_k else SELECTION_RULE_ONE_CLUSTER
                ],
            }
        )
    chosen["note"] = pd.array([None] * len(chosen), dtype="string")
    skipped = [k for k in k_values if k not in feasible and k not in set(chosen.k)]
    if skipped:
        extra = pd.DataFrame(
            {
                "k": skipped,
                "inertia": np.nan,
                "silhouette": np.nan,
                "is_chosen": False,
                "selection_rule": chosen.selection_rule.iloc[0],
                "note": f"not tried: the sample has {distinct_rows} distinct rows, "
                "k must be below that",
            }
        )
        chosen = pd.concat([chosen, extra], ignore_index=True)
    picked = chosen.is_chosen
    k = int(chosen.k[picked].iloc[0])
    if forced_note:
        note = forced_note
    elif not feasible and not forced_k:
        note = f"one cluster: the sample has {distinct_rows} distinct rows"
    elif forced_k:
        note = None
    elif len(feasible) == 1:
        note = f"the only k tried: the sample has {distinct_rows} distinct rows"
    elif k == max(feasible) and max(feasible) < max(k_values):
        note = "chosen at the largest k the sample supports"
    elif k == max(feasible):
        note = "chosen at the top of the range tried: a larger k might score better"
    elif k == min(feasible):
        note = "chosen at the bottom of the range tried"
    else:
        note = None
    chosen.loc[picked, "note"] = note
    return chosen.sort_values("k", ignore_index=True)


def select_k_on_inputs(
    frame: pd.DataFrame, key: str, relation: str, params: ModelParams
) -> pd.DataFrame:
    """:func:`select_k` on the columns listed in ``params`` "features" of
    ``frame`` (checked, in ``key`` order)."""
    return select_k(input_frame(frame, key, params.names("features"), relation), params)


def fit_kmeans_on_inputs(
    frame: pd.DataFrame, key: str, relation: str, k: int, params: ModelParams
) -> pd.DataFrame:
    """:func:`fit_kmeans_parameters` on the listed input columns of ``frame``
    with ``params`` "random_state"."""
    features = input_frame(frame, key, params.names("features"), relation)
    return fit_kmeans_parameters(features, k=k, random_state=params.int("random_state"))


def fit_kmeans_parameters(
    features: pd.DataFrame,
    k: int,
    random_state: int,
    n_init: int = 10,
    scale: bool = True,
) -> pd.DataFrame:
    """Fit KMeans and return its parameters, one row per cluster
    (:func:`audience_warehouse.core.parameters.centroid_rows`)."""
    scaled, means, scales = standardise(features, scale)
    fitted = _kmeans(k, random_state, n_init).fit(scaled)
    return _parameters(fitted, list(features.columns), means, scales)


def _parameters(
    fitted: KMeans, names: list[str], means: np.ndarray, scales: np.ndarray
) -> pd.DataFrame:
    sizes = np.bincount(fitted.labels_, minlength=fitted.n_clusters)
    return centroid_rows(fitted.cluster_centers_, sizes, names, means, scales)


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
