"""KMeans helpers: scaling, k choice, parameters as data, assignment."""

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans

from audience_warehouse.clustering import (
    SELECTION_RULE_FORCED,
    SELECTION_RULE_SILHOUETTE,
    assign_clusters,
    choose_k,
    fit_kmeans_parameters,
    score_k_range,
    standardise,
)


def three_blobs(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    sizes = [60, 30, 20]
    points = np.vstack(
        [rng.normal(c, 0.5, size=(n, 2)) for c, n in zip(centres, sizes, strict=True)]
    )
    return pd.DataFrame(points, columns=["x", "y"])


def test_standardise_handles_constant_columns_and_rejects_nulls():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 5.0]})
    scaled, means, scales = standardise(frame)
    assert np.allclose(scaled[:, 0].mean(), 0) and np.allclose(scaled[:, 0].std(), 1)
    assert scales[1] == 1.0 and np.allclose(scaled[:, 1], 0)
    with pytest.raises(ValueError, match="nulls"):
        standardise(pd.DataFrame({"a": [1.0, np.nan]}))


def test_silhouette_rule_finds_the_three_blobs():
    scores = score_k_range(three_blobs(), range(2, 7), random_state=1)
    assert list(scores["k"]) == [2, 3, 4, 5, 6]
    assert scores["inertia"].is_monotonic_decreasing
    chosen = choose_k(scores, forced_k=None)
    assert chosen.loc[chosen["is_chosen"], "k"].tolist() == [3]
    assert set(chosen["selection_rule"]) == {SELECTION_RULE_SILHOUETTE}


def test_forced_k_overrides_and_may_lie_outside_the_range():
    scores = score_k_range(three_blobs(), range(2, 5), random_state=1)
    forced = choose_k(scores, forced_k=7)
    assert forced.loc[forced["is_chosen"], "k"].tolist() == [7]
    assert forced.loc[forced["k"] == 7, "silhouette"].isna().all()
    assert set(forced["selection_rule"]) == {SELECTION_RULE_FORCED}


def test_k_values_the_data_cannot_support_are_skipped():
    tiny = three_blobs().head(4)
    assert score_k_range(tiny, [2, 3, 4, 9], random_state=0)["k"].tolist() == [2, 3]
    with pytest.raises(ValueError):
        score_k_range(tiny, [5, 6], random_state=0)


def test_parameters_are_ordered_by_size_and_reproducible():
    frame = three_blobs()
    first = fit_kmeans_parameters(frame, k=3, random_state=4)
    second = fit_kmeans_parameters(frame, k=3, random_state=4)
    pd.testing.assert_frame_equal(first, second)
    assert first["cluster_id"].tolist() == [1, 2, 3]
    assert first["cluster_size"].tolist() == [60, 30, 20]
    assert {"x__mean", "x__scale", "x__centroid", "y__centroid"} <= set(first.columns)


def test_assignment_from_parameters_equals_sklearn():
    frame = three_blobs(seed=9)
    parameters = fit_kmeans_parameters(frame, k=3, random_state=2)
    scaled, _, _ = standardise(frame)
    fitted = KMeans(n_clusters=3, init="k-means++", n_init=10, random_state=2).fit(
        scaled
    )
    ours = assign_clusters(frame, parameters)
    # Same partition (ids differ: ours are numbered by size).
    pairs = set(zip(ours, fitted.labels_, strict=True))
    assert len(pairs) == 3
    assert np.bincount(ours)[1:].tolist() == parameters["cluster_size"].tolist()
