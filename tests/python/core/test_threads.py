"""Every fit runs on one BLAS thread and one OpenMP thread (core.threads).

Planted: a KMeans fit on another thread restores BLAS to two threads
while a GLM fits; two builds then gave coefficients 1e-14 apart. Here the
count is set to two before each fit, and each fit must bring it back to
one (remove a ``one_thread()`` call and its case goes red)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from audience_warehouse.audiences.lookalike import fit_similarity
from audience_warehouse.core.classifier import fit_models
from audience_warehouse.core.glm import fit_poisson_coefficients
from audience_warehouse.core.kmeans import fit_kmeans_parameters
from audience_warehouse.core.ward import ward_merges

RNG = np.random.default_rng(0)
POINTS = RNG.normal(size=(60, 2))
FRAME = pd.DataFrame(
    {
        "id": np.arange(60),
        "person_id": np.arange(60),
        "x": POINTS[:, 0],
        "z": POINTS[:, 1],
        "y": RNG.poisson(2.0, 60),
        "is_member": np.arange(60) % 3 == 0,
        "is_hidden": np.arange(60) % 5 == 0,
    }
)

FITS: dict[str, Callable[[], object]] = {
    "glm": lambda: fit_poisson_coefficients(FRAME, "id", ["y"], ["x"], [], 1e-4),
    "kmeans": lambda: fit_kmeans_parameters(
        FRAME[["x", "z"]], k=3, random_state=0, n_init=2
    ),
    "ward": lambda: ward_merges(POINTS),
    "classifier": lambda: fit_models(FRAME, ["x", "z"], "y", "is_member", 5, 0),
    "lookalike": lambda: fit_similarity(FRAME, ["x", "z"], "production", 0),
}


def _threads(api: str) -> set[int]:
    return {
        pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == api
    }


@pytest.mark.parametrize("name", FITS)
def test_each_fit_runs_on_one_thread(name):
    seen: dict[str, object] = {}

    def fit() -> None:  # on a thread of its own, as dbt runs a Python model
        threadpool_limits(limits=2)  # what another fit may have left
        try:
            FITS[name]()
        except Exception as error:  # reported below, on the test's thread
            seen["error"] = error
        seen["blas"], seen["openmp"] = _threads("blas"), _threads("openmp")

    worker = threading.Thread(target=fit)
    worker.start()
    worker.join()
    assert "error" not in seen, seen.get("error")
    assert seen["blas"] == {1}, f"{name} leaves BLAS at {seen['blas']} threads"
    assert seen["openmp"] <= {1}, f"{name} leaves OpenMP at {seen['openmp']} threads"
