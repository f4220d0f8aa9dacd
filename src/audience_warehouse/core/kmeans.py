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
from audience_warehouse.core.threads import one_thread

SELECTION_RULE_SILHOUETTE = "highest silhouette"
SELECTION_RULE_FORCED = "forced"
SELECTION_RULE_ONE_CLUSTER = "one cluster: too little variety"

# Fit statuses, in words, repeated on every k row (fit_status).
STATUS_FITTED = "fitted"
STATUS_NO_CLEAR_CLUSTERS = "no clear clusters"
STATUS_ONE_CLUSTER = "one cluster"
STATUS_FORCED = "forced k"
FIT_STATUSES = (
    STATUS_FITTED, STATUS_NO_CLEAR_CLUSTERS, STATUS_ONE_CLUSTER, STATUS_FORCED,
)  # fmt: skip


def _kmeans(k: int, random_state: int, n_init: int) -> KMeans:
    one_thread()  # the fit, and the silhouette after it (see core.threads)
    return KMeans(
        n_clusters=k, init="k-means++", n_init=n_init, random_state=random_state
    )


def distinct_points(scaled: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``scaled`` and how many rows sit at each."""
    if not len(scaled):
        return scaled, np.zeros(0, dtype=np.int64)
    points, counts = np.unique(scaled, axis=0, return_counts=True)
    return points, counts


def score_k_range(
    features: pd.DataFrame,
    k_values: Sequence[int],
    random_state: int,
    n_init: int = 10,
    scale: bool = True,
    silhouette_sample_size: int = 3_000,
) -> pd.DataFrame:
    """Inertia, silhouette and smallest cluster of KMeans for each k (one row
    per k).

    KMeans is fitted on every row (identical rows weigh as many times as they
    occur). The silhouette is measured on the **distinct points**, each
    counted once, labelled by the fitted centroids: identical rows score a
    silhouette of exactly 1 against each other, so on tied data (90 % of
    users at one point) the mean over rows rewards the ties, not a
    separation. k values the data cannot support (k at least the number of
    distinct rows) are skipped; if none is left, a ValueError says so. The
    silhouette costs time and memory in n squared, so above
    ``silhouette_sample_size`` distinct points it is computed on a seeded
    subsample: 3,000 give the mean to about +-0.006 (its standard error) in
    0.1 s a k. ``smallest_cluster_size`` counts rows (not distinct points).
    """
    scaled, _, _ = standardise(features, scale)
    points, _ = distinct_points(scaled)
    rows = []
    for k in sorted(set(k_values)):
        if k < 2 or k >= len(points):
            continue
        fitted = _kmeans(k, random_state, n_init).fit(scaled)
        point_labels = fitted.predict(points)
        silhouette = (
            float(
                silhouette_score(
                    points,
                    point_labels,
                    sample_size=min(silhouette_sample_size, len(points)),
                    random_state=random_state,
                )
            )
            if len(set(point_labels)) > 1
            else np.nan
        )
        rows.append(
            {
                "k": k,
                "inertia": float(fitted.inertia_),
                "silhouette": silhouette,
                "smallest_cluster_size": int(
                    np.bincount(fitted.labels_, minlength=k).min()
                ),
            }
        )
    if not rows:
        raise ValueError(
            f"no k in {list(k_values)} fits {len(scaled)} rows with "
            f"{len(points)} distinct feature values: too little variety to cluster"
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
    """Score k over ``params`` k_min..k_max (:func:`score_k_range`) and
    choose one, saying what the data can support.

    ``params`` keys: k_min, k_max, forced_k, random_state, and the limits
    min_cluster_size (rows), min_distinct_points, min_silhouette and
    flat_silhouette_spread. The rule, in order:

    - fewer distinct points than ``min_distinct_points`` (or than three):
      one cluster (k = 1), status ``one cluster``;
    - a k whose smallest cluster has fewer than ``min_cluster_size`` rows is
      not chosen (noted on its row); if every k is, one cluster;
    - otherwise the highest silhouette (on distinct points) among the k
      left, the smaller k on a tie; ``forced_k`` overrides (status
      ``forced k``; a forced k the sample cannot support is replaced by the
      largest it can);
    - the chosen k's status is ``no clear clusters`` when its silhouette is
      under ``min_silhouette``, or when the silhouettes of three or more k
      tried lie within ``flat_silhouette_spread`` of each other (no k
      separates more clearly than another); else ``fitted``. The partition
      is kept either way (assignment still works), but it is not named.

    One row per k in the range: k, inertia, silhouette,
    smallest_cluster_size, is_chosen, selection_rule, note (a k not tried,
    too small, or the choice at an edge of the range); and repeated on
    every row: fit_row_count, distinct_point_count, top_point_share (the
    share of rows at the most common identical point), fit_status and
    fit_note (the status's reason in words). ``scale=False`` takes the
    features as they are (already in comparable units, such as principal
    components)."""
    k_values = range(params.int("k_min"), params.int("k_max") + 1)
    min_size = params.int("min_cluster_size")
    min_points = max(params.int("min_distinct_points"), 3)
    scaled, _, _ = standardise(features, scale)
    points, counts = distinct_points(scaled)
    distinct = len(points)
    feasible = (
        [k for k in k_values if 2 <= k < distinct] if distinct >= min_points else []
    )
    forced_k = params.optional_int("forced_k")
    forced_note = None
    if forced_k is not None and forced_k >= max(distinct, 2):
        # A forced k the sample cannot support: the largest k it can.
        supported = max(feasible) if feasible else 1
        forced_note = (
            f"forced k = {forced_k} is more than the sample supports "
            f"({distinct} distinct rows): k = {supported} used"
        )
        forced_k = supported if feasible else None
    notes: dict[int, str] = {}
    if feasible:
        scores = score_k_range(
            features,
            k_values=feasible,
            random_state=params.int("random_state"),
            scale=scale,
        )
        too_small = scores.smallest_cluster_size < min_size
        for row in scores[too_small].itertuples():
            notes[int(row.k)] = (
                f"not chosen: leaves a cluster of {row.smallest_cluster_size} "
                f"rows (minimum {min_size})"
            )
        allowed = scores[~too_small & scores.silhouette.notna()]
        if forced_k is not None:
            chosen = choose_k(scores, forced_k)
        elif len(allowed):
            chosen = choose_k(allowed, None)
            chosen = pd.concat(
                [chosen, scores[~scores.k.isin(allowed.k)]], ignore_index=True
            )
            chosen["is_chosen"] = chosen.is_chosen.fillna(False).astype(bool)
            chosen["selection_rule"] = SELECTION_RULE_SILHOUETTE
        else:
            chosen = _one_cluster(scores)
    else:
        chosen = _one_cluster(pd.DataFrame(columns=["k", "inertia", "silhouette"]))
        if forced_k:
            chosen.loc[:, ["k", "selection_rule"]] = [forced_k, SELECTION_RULE_FORCED]
    skipped = [k for k in k_values if k not in feasible and k not in set(chosen.k)]
    if skipped:
        reason = (
            f"not tried: the sample has {distinct} distinct rows, k must be below that"
            if distinct >= min_points
            else f"not tried: the sample has {distinct} distinct rows "
            f"(minimum {min_points})"
        )
        for k in skipped:
            notes[k] = reason
        extra = pd.DataFrame(
            {
                "k": skipped,
                "inertia": np.nan,
                "silhouette": np.nan,
                "is_chosen": False,
                "selection_rule": chosen.selection_rule.iloc[0],
            }
        )
        chosen = pd.concat([chosen, extra], ignore_index=True)
    chosen = chosen.sort_values("k", ignore_index=True)
    picked = chosen.is_chosen
    k = int(chosen.k[picked].iloc[0])
    status, fit_note = _fit_status(
        chosen, k, forced_k, min_size, min_points, distinct, params
    )
    edge = _edge_note(k, feasible, k_values, forced_k)
    if forced_note:
        notes[k] = forced_note
    elif edge:
        notes[k] = edge
    chosen["note"] = pd.array(
        [notes.get(int(value)) for value in chosen.k], dtype="string"
    )
    chosen["smallest_cluster_size"] = chosen.get(
        "smallest_cluster_size", pd.Series(np.nan, index=chosen.index)
    ).astype("Int64")
    chosen["fit_row_count"] = len(scaled)
    chosen["distinct_point_count"] = distinct
    chosen["top_point_share"] = (
        float(counts.max() / len(scaled)) if len(scaled) else np.nan
    )
    chosen["fit_status"] = status
    chosen["fit_note"] = fit_note
    return chosen


def _one_cluster(scores: pd.DataFrame) -> pd.DataFrame:
    one = pd.DataFrame(
        {"k": [1], "inertia": [np.nan], "silhouette": [np.nan], "is_chosen": [True]}
    )
    chosen = pd.concat([one, scores], ignore_index=True)
    chosen["is_chosen"] = chosen.k == 1
    chosen["selection_rule"] = SELECTION_RULE_ONE_CLUSTER
    return chosen


def _fit_status(
    chosen: pd.DataFrame,
    k: int,
    forced_k: int | None,
    min_size: int,
    min_points: int,
    distinct: int,
    params: ModelParams,
) -> tuple[str, str]:
    """The chosen k's status and its reason, in words."""
    if k == 1 and forced_k is None:
        if distinct < min_points:
            points = "point" if distinct == 1 else "points"
            return STATUS_ONE_CLUSTER, (
                f"{distinct} distinct {points} (minimum {min_points}): "
                "too little variety to cluster"
            )
        return STATUS_ONE_CLUSTER, (
            f"every k tried leaves a cluster under {min_size} rows"
        )
    if forced_k is not None:
        return STATUS_FORCED, f"k = {k} forced by a var, not chosen by the data"
    scored = chosen.silhouette.dropna()
    best = float(chosen.silhouette[chosen.is_chosen].iloc[0])
    minimum = params.float("min_silhouette")
    spread_limit = params.float("flat_silhouette_spread")
    if best < minimum:
        return STATUS_NO_CLEAR_CLUSTERS, (
            f"best silhouette {best:.3f} (k = {k}) is under {minimum:g}"
        )
    spread = float(scored.max() - scored.min())
    if len(scored) >= 3 and spread < spread_limit:
        return STATUS_NO_CLEAR_CLUSTERS, (
            f"silhouettes {scored.min():.3f} to {scored.max():.3f} over "
            f"{len(scored)} values of k: no k separates more clearly than "
            f"another (spread under {spread_limit:g})"
        )
    return STATUS_FITTED, f"silhouette {best:.3f} at k = {k}"


def _edge_note(
    k: int, feasible: list[int], k_values: range, forced_k: int | None
) -> str | None:
    if forced_k is not None or k == 1 or not feasible:
        return None
    if len(feasible) == 1:
        return f"the only k tried: the sample supports only k = {k}"
    if k == max(feasible) and max(feasible) < max(k_values):
        return "chosen at the largest k the sample supports"
    if k == max(k_values):
        return f"chosen at the top of the range tried ({min(k_values)}-{max(k_values)})"
    if k == min(k_values):
        return (
            f"chosen at the bottom of the range tried ({min(k_values)}-{max(k_values)})"
        )
    return None


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
