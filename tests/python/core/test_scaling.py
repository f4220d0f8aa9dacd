import numpy as np
import pandas as pd
import pytest

from audience_warehouse.core.kmeans import fit_kmeans_parameters
from audience_warehouse.core.parameters import assign_clusters
from audience_warehouse.core.scaling import apply_scaler, fit_scaler, standardise

from .test_kmeans import three_blobs


def test_standardise_handles_constant_columns_and_rejects_nulls():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 5.0]})
    scaled, means, scales = standardise(frame)
    assert np.allclose(scaled[:, 0].mean(), 0) and np.allclose(scaled[:, 0].std(), 1)
    assert scales[1] == 1.0 and np.allclose(scaled[:, 1], 0)
    with pytest.raises(ValueError, match="nulls"):
        standardise(pd.DataFrame({"a": [1.0, np.nan]}))


def test_scale_false_takes_features_as_they_are():
    frame = three_blobs()
    scaled, means, scales = standardise(frame, scale=False)
    assert np.array_equal(scaled, frame.to_numpy())
    assert (means == 0).all() and (scales == 1).all()
    parameters = fit_kmeans_parameters(frame, k=3, random_state=0, scale=False)
    assert (parameters["x__mean"] == 0).all() and (parameters["x__scale"] == 1).all()
    # Unscaled input, unscaled centroids: the nearest centroid in raw units.
    centroids = parameters[["x__centroid", "y__centroid"]].to_numpy()
    raw = frame.to_numpy()
    nearest = ((raw[:, None, :] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert (assign_clusters(frame, parameters) == nearest + 1).all()


def test_empty_input_is_a_clear_error():
    with pytest.raises(ValueError, match="no rows"):
        standardise(pd.DataFrame({"x": []}, dtype=float))


def test_a_scaler_fitted_on_a_sample_applies_to_new_rows_unchanged():
    sample = three_blobs(seed=1)
    means, scales = fit_scaler(sample)
    more = pd.concat([sample, three_blobs(seed=2) * 3], ignore_index=True)
    # Rows already seen keep their coordinates whatever rows are added.
    assert np.allclose(
        apply_scaler(more, means, scales)[: len(sample)], standardise(sample)[0]
    )
