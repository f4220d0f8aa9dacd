"""The ads model functions the dbt Python models call: explicit inputs."""

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.ads.models import (
    cluster_centroids,
    cluster_k_selection,
    conversion_coefficients,
)

from ..conftest import cluster_limits

FEATURES = ["feature_log_impressions", "feature_click_through_rate"]
CLUSTER_PARAMS = {
    "features": FEATURES,
    "k_min": 2,
    "k_max": 4,
    "forced_k": None,
    "max_rows": 100,
    "random_state": 0,
    **cluster_limits(),
}


def cells() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    return pd.DataFrame(
        {
            "audience_cell_id": np.arange(60)[::-1],
            "feature_log_impressions": np.r_[
                rng.normal(5, 0.1, 30), rng.normal(9, 0.1, 30)
            ],
            "feature_click_through_rate": np.r_[
                rng.normal(0.01, 0.001, 30), rng.normal(0.03, 0.001, 30)
            ],
        }
    )


def test_clusters_are_found_from_the_listed_features_in_key_order():
    chosen = cluster_k_selection(cells(), CLUSTER_PARAMS)
    assert chosen.loc[chosen.is_chosen, "k"].tolist() == [2]
    shuffled = cells().sample(frac=1, random_state=1)
    assert cluster_centroids(shuffled, 2, CLUSTER_PARAMS).equals(
        cluster_centroids(cells(), 2, CLUSTER_PARAMS)
    )


def test_an_added_feature_column_fails_the_fit_instead_of_joining_it():
    extended = cells().assign(feature_spend_share=1.0)
    with pytest.raises(ValueError, match="feature_spend_share"):
        cluster_k_selection(extended, CLUSTER_PARAMS)


def test_a_missing_glm_input_is_named():
    sample = pd.DataFrame({"ad_id": [1], "total_conversions": [1]})
    params = {
        "targets": ["total_conversions"],
        "numeric_features": ["feature_log_impressions"],
        "categorical_features": ["gender_code"],
        "alpha": 0.001,
    }
    with pytest.raises(ValueError, match="listed but missing: feature_log_impressions"):
        conversion_coefficients(sample, params)
