"""The segmentation model functions: the scaler is the model sample's."""

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import linkage

from audience_warehouse.core.parameters import assign_clusters
from audience_warehouse.segmentation.models import (
    kmeans_scores,
    segment_centroids,
    ward_merges_of_sample,
)

FEATURES = ["feature_minutes_watched", "feature_customer_lifetime_value"]


def sample(rows: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return pd.DataFrame(
        {
            "customer_id": np.arange(rows),
            "sample_rank": rng.permutation(rows) + 1,
            "feature_minutes_watched": np.r_[
                rng.normal(100, 5, rows // 2), rng.normal(900, 5, rows // 2)
            ],
            "feature_customer_lifetime_value": rng.normal(50, 10, rows),
        }
    )


def test_centroids_carry_the_sample_scaler_and_assign_raw_features():
    frame = sample()
    params = {"features": FEATURES, "n_init": 5, "stability_runs": 2, "random_state": 0}
    centroids = segment_centroids(frame, 2, params)
    means = centroids["feature_minutes_watched__mean"]
    assert means.nunique() == 1 and means[0] == pytest.approx(500, rel=0.01)
    assert centroids["fit_row_count"].iloc[0] == len(frame)
    assigned = assign_clusters(
        frame[FEATURES], centroids.rename(columns={"segment_id": "cluster_id"})
    )
    assert sorted(np.bincount(assigned)[1:]) == [60, 60]


def test_ward_takes_the_first_ranks_scaled_with_the_whole_sample():
    frame = sample()
    params = {"features": FEATURES, "max_rows": 30}
    merges = ward_merges_of_sample(frame, params)
    assert len(merges) == 29 and merges.node_size.iloc[-1] == 30
    ordered = frame.sort_values("customer_id")
    first = ordered[ordered.sample_rank <= 30][FEATURES].to_numpy()
    whole = ordered[FEATURES].to_numpy()
    # Scaled with the whole sample's mean and deviation, not the subset's.
    scaled = (first - whole.mean(axis=0)) / whole.std(axis=0)
    expected = linkage(scaled, method="ward")
    assert merges.merge_height.to_numpy() == pytest.approx(expected[:, 2])
    subset_scaled = (first - first.mean(axis=0)) / first.std(axis=0)
    assert merges.merge_height.to_numpy() != pytest.approx(
        linkage(subset_scaled, method="ward")[:, 2]
    )


def test_an_unlisted_indicator_column_fails_the_fit():
    frame = sample().assign(feature_channel_9=0.0)
    params = {"features": FEATURES, "k_min": 2, "k_max": 3, "n_init": 2,
              "random_state": 0}  # fmt: skip
    with pytest.raises(ValueError, match="feature_channel_9"):
        kmeans_scores(frame, params)
