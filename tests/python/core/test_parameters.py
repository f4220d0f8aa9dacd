import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

from audience_warehouse.core.kmeans import fit_kmeans_parameters
from audience_warehouse.core.parameters import assign_clusters, centroid_rows
from audience_warehouse.core.scaling import standardise

from .test_kmeans import three_blobs


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


def test_centroid_rows_number_clusters_by_size_then_centroid():
    centers = np.array([[1.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
    rows = centroid_rows(
        centers, np.array([10, 10, 30]), ["x", "y"], np.zeros(2), np.ones(2)
    )
    assert rows["cluster_id"].tolist() == [1, 2, 3]
    assert rows["cluster_size"].tolist() == [30, 10, 10]
    assert rows["x__centroid"].tolist() == [5.0, 0.0, 1.0]


def test_assignment_ties_go_to_the_smaller_cluster_id():
    rows = centroid_rows(
        np.array([[1.0], [-1.0]]), np.array([5, 5]), ["x"], np.zeros(1), np.ones(1)
    )
    features = pd.DataFrame({"x": [0.0, 0.9, -0.9]})
    assert assign_clusters(features, rows).tolist() == [1, 2, 1]
