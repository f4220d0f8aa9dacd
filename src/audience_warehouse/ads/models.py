"""Ads domain model choices, called by the dbt Python models of ``ads``.

Each function takes the rows a dbt Python model read and the model's
``params`` meta mapping, checks the explicit input list, and calls a core
technique: KMeans of audience cells (k by silhouette), and the Poisson GLM
of conversions against constant baselines.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from audience_warehouse.core.glm import (
    cross_validated_predictions,
    fit_poisson_coefficients,
)
from audience_warehouse.core.inputs import model_inputs
from audience_warehouse.core.kmeans import fit_kmeans_on_inputs, select_k_on_inputs
from audience_warehouse.core.params import ModelParams

CELL_KEY = "audience_cell_id"
AD_KEY = "ad_id"
CELLS_RELATION = "int_audience_cells_aggregated"
CONVERSION_RELATION = "int_ads_conversion_sample"
TOO_MANY_CELLS_HINT = "raise var ads_cluster_max_cells, or coarsen the cells"


def cluster_k_selection(
    cells: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Inertia and silhouette per candidate k over the audience cells."""
    p = ModelParams(params, "int_audience_cluster_k_selection")
    return select_k_on_inputs(cells, CELL_KEY, CELLS_RELATION, p)


def cluster_centroids(
    cells: pd.DataFrame, chosen_k: int, params: Mapping[str, object]
) -> pd.DataFrame:
    """KMeans parameters (scaler and centroids) for the chosen k."""
    p = ModelParams(params, "int_audience_cluster_centroids")
    return fit_kmeans_on_inputs(cells, CELL_KEY, CELLS_RELATION, chosen_k, p)


def _glm_inputs(
    sample: pd.DataFrame, p: ModelParams
) -> tuple[list[str], list[str], list[str]]:
    targets, numeric, categorical = (
        p.names("targets"),
        p.names("numeric_features"),
        p.names("categorical_features"),
    )
    model_inputs(
        sample.columns, [AD_KEY, *targets, *numeric, *categorical], CONVERSION_RELATION
    )
    return targets, numeric, categorical


def conversion_coefficients(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """GLM term rows per target, fitted on the whole sample."""
    p = ModelParams(params, "int_ads_conversion_coefficients")
    targets, numeric, categorical = _glm_inputs(sample, p)
    return fit_poisson_coefficients(
        sample, AD_KEY, targets, numeric, categorical, alpha=p.float("alpha")
    )


def conversion_cv_predictions(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Out-of-fold predictions of the GLM and the two constant baselines."""
    p = ModelParams(params, "int_ads_conversion_cv_predictions")
    targets, numeric, categorical = _glm_inputs(sample, p)
    return cross_validated_predictions(
        sample,
        AD_KEY,
        targets,
        numeric,
        categorical,
        n_splits=p.int("cv_folds"),
        alpha=p.float("alpha"),
        random_state=p.int("random_state"),
    )
