"""Fans domain model choices, called by the dbt Python models of ``fans``.

Activity levels: KMeans (k by silhouette) on the activity features listed
in var ``fans_activity_features``. Early-activity classifier: the core
harness on the early features listed in var ``fans_classifier_features``,
with the early engagement count as the one-feature baseline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from audience_warehouse.core.classifier import (
    SPLIT_TEST,
    SPLIT_UNLABELLED,
    EarlyActivityModels,
    feature_importances,
    labelled_predictions,
    score_batches,
)
from audience_warehouse.core.inputs import model_inputs
from audience_warehouse.core.kmeans import fit_kmeans_on_inputs, select_k_on_inputs
from audience_warehouse.core.params import ModelParams

KEY = "user_id"
LABEL = "is_engaged_later"
BASELINE_FEATURE = "feature_engagement_count"
CLUSTER_SAMPLE_RELATION = "int_fan_cluster_sample"
CLASSIFIER_SAMPLE_RELATION = "int_fan_classifier_sample"


def activity_k_selection(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Inertia and silhouette per candidate k over the user sample."""
    p = ModelParams(params, "int_fan_activity_k_selection")
    return select_k_on_inputs(sample, KEY, CLUSTER_SAMPLE_RELATION, p)


def activity_centroids(
    sample: pd.DataFrame, chosen_k: int, params: Mapping[str, object]
) -> pd.DataFrame:
    """KMeans parameters (scaler and centroids) of the activity levels."""
    p = ModelParams(params, "int_fan_activity_centroids")
    return fit_kmeans_on_inputs(sample, KEY, CLUSTER_SAMPLE_RELATION, chosen_k, p)


def _fit_classifier(
    sample: pd.DataFrame, p: ModelParams
) -> tuple[EarlyActivityModels, pd.DataFrame]:
    features = model_inputs(
        sample.columns, p.names("features"), CLASSIFIER_SAMPLE_RELATION
    )
    if BASELINE_FEATURE not in features:
        raise ValueError(
            f"the baseline feature {BASELINE_FEATURE} must be in the "
            f"classifier's input list {features}"
        )
    return labelled_predictions(
        sample,
        key=KEY,
        features=features,
        baseline_feature=BASELINE_FEATURE,
        label=LABEL,
        test_share=p.float("test_share"),
        n_estimators=p.int("n_estimators"),
        random_state=p.int("random_state"),
    )


def classifier_predictions(
    sample: pd.DataFrame,
    user_batches: Iterable[pd.DataFrame],
    params: Mapping[str, object],
) -> pd.DataFrame:
    """Fit on the labelled sample; score every user of ``user_batches``
    (the early features of all users, in pieces). One row per user: the
    probabilities, the split (train / test / unlabelled) and the label."""
    p = ModelParams(params, "int_fan_classifier_predictions")
    models, labelled = _fit_classifier(sample, p)
    scored = score_batches(models, user_batches, key=KEY)
    return scored.merge(labelled[[KEY, "split", LABEL]], on=KEY, how="left").fillna(
        {"split": SPLIT_UNLABELLED}
    )


def classifier_feature_importances(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Impurity and permutation importances of the forest on the test users.

    The same sample, split and seed as :func:`classifier_predictions`, so
    the forest refitted here is the same forest."""
    p = ModelParams(params, "int_fan_classifier_feature_importances")
    models, labelled = _fit_classifier(sample, p)
    test_users = sample.sort_values(KEY, ignore_index=True)[
        (labelled["split"] == SPLIT_TEST).to_numpy()
    ]
    return feature_importances(models, test_users, LABEL, p.int("random_state"))
