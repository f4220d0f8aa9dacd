"""Segmentation domain model choices, called by the dbt Python models.

The features (var ``segmentation_features``: minutes, CLV, the region code
and one indicator per region and channel) arrive unscaled. The scaler is
fitted on the seeded model sample and stored with the centroids, so SQL
standardises and assigns every customer with frozen parameters: a new
customer does not move anybody's coordinates. Ward (for k) runs on the first
``ward_max_rows`` of the sample, scaled with that same scaler.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from audience_warehouse.core.inputs import input_frame
from audience_warehouse.core.kmeans import fit_kmeans_with_stability, score_k_range
from audience_warehouse.core.params import ModelParams
from audience_warehouse.core.scaling import apply_scaler, fit_scaler
from audience_warehouse.core.ward import ward_merges

KEY = "customer_id"
SAMPLE_RANK = "sample_rank"
SAMPLE_RELATION = "int_customers_model_sample"


def _features(sample: pd.DataFrame, p: ModelParams) -> pd.DataFrame:
    return input_frame(sample, KEY, p.names("features"), SAMPLE_RELATION)


def ward_merges_of_sample(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Ward merges of the first ``max_rows`` sample ranks (memory grows with
    n squared), in customer order, scaled with the whole sample's scaler."""
    p = ModelParams(params, "int_customer_ward_merges")
    features = _features(sample, p)
    means, scales = fit_scaler(features)
    ordered_ranks = sample.sort_values(KEY, ignore_index=True)[SAMPLE_RANK]
    subset = features[(ordered_ranks <= p.int("max_rows")).to_numpy()]
    return ward_merges(apply_scaler(subset, means, scales))


def kmeans_scores(sample: pd.DataFrame, params: Mapping[str, object]) -> pd.DataFrame:
    """KMeans inertia and silhouette per k (the elbow picture)."""
    p = ModelParams(params, "int_customer_kmeans_scores")
    return score_k_range(
        _features(sample, p),
        k_values=range(p.int("k_min"), p.int("k_max") + 1),
        random_state=p.int("random_state"),
        n_init=p.int("n_init"),
    )


def segment_centroids(
    sample: pd.DataFrame, chosen_k: int, params: Mapping[str, object]
) -> pd.DataFrame:
    """Scaler and centroids per segment, with the fit and stability figures."""
    p = ModelParams(params, "int_customer_segment_centroids")
    features = _features(sample, p)
    n_init, runs = p.int("n_init"), p.int("stability_runs")
    parameters, stability = fit_kmeans_with_stability(
        features, chosen_k, p.int("random_state"), runs=runs, n_init=n_init
    )
    return parameters.rename(columns={"cluster_id": "segment_id"}).assign(
        fit_row_count=len(features),
        fit_n_init=n_init,
        fit_inertia=stability["inertia"],
        stability_runs=runs,
        stability_mean_adjusted_rand_index=stability["mean_adjusted_rand_index"],
        stability_min_adjusted_rand_index=stability["min_adjusted_rand_index"],
    )
