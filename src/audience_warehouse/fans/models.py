"""Fans domain model choices, called by the dbt Python models of ``fans``.

Activity levels: KMeans (k by silhouette) on the activity features listed
in var ``fans_activity_features``. Early-activity classifier: the core
harness on the early features listed in var ``fans_classifier_features``,
with the early engagement count as the one-feature baseline. When the
labelled sample cannot support a fit (a short or sparse history), nothing
is fitted: every user gets null probabilities and the reason, in
``model_status``, so the marts still build and say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from audience_warehouse.core.classifier import (
    SPLIT_TEST,
    SPLIT_UNLABELLED,
    STATUS_FITTED,
    EarlyActivityModels,
    feature_importances,
    fit_status,
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


PROBABILITIES = ["forest_probability", "baseline_probability", "base_rate_probability"]
THRESHOLDS = ["forest_threshold", "baseline_threshold", "base_rate_threshold"]


def _classifier_features(sample: pd.DataFrame, p: ModelParams) -> list[str]:
    features = model_inputs(
        sample.columns, p.names("features"), CLASSIFIER_SAMPLE_RELATION
    )
    if BASELINE_FEATURE not in features:
        raise ValueError(
            f"the baseline feature {BASELINE_FEATURE} must be in the "
            f"classifier's input list {features}"
        )
    return features


def _fit_classifier(
    sample: pd.DataFrame, p: ModelParams
) -> tuple[EarlyActivityModels, pd.DataFrame]:
    return labelled_predictions(
        sample,
        key=KEY,
        features=_classifier_features(sample, p),
        baseline_feature=BASELINE_FEATURE,
        label=LABEL,
        test_share=p.float("test_share"),
        n_estimators=p.int("n_estimators"),
        random_state=p.int("random_state"),
    )


def classifier_status(sample: pd.DataFrame, params: Mapping[str, object]) -> str:
    """``'fitted'``, or why the labelled sample cannot support a fit."""
    p = ModelParams(params, "int_fan_classifier_predictions")
    return fit_status(sample[LABEL], p.int("min_labelled"), unit="users")


def classifier_predictions(
    sample: pd.DataFrame,
    user_batches: Iterable[pd.DataFrame],
    params: Mapping[str, object],
) -> pd.DataFrame:
    """Fit on the labelled sample; score every user of ``user_batches``
    (the early features of all users, in pieces). One row per user: the
    probabilities, each model's decision threshold (chosen on training
    data), the split (train / test / unlabelled), the label and
    ``model_status``. When the sample cannot support a fit, the
    probabilities, thresholds and split are null and ``model_status`` says
    why."""
    p = ModelParams(params, "int_fan_classifier_predictions")
    _classifier_features(sample, p)
    status = classifier_status(sample, params)
    if status != STATUS_FITTED:
        users = pd.concat(
            [batch[[KEY]] for batch in user_batches] or [pd.DataFrame({KEY: []})],
            ignore_index=True,
        ).sort_values(KEY, ignore_index=True)
        for column in [*PROBABILITIES, *THRESHOLDS]:
            users[column] = pd.array([None] * len(users), dtype="Float64")
        users["split"] = pd.array([None] * len(users), dtype="string")
        labels = sample[[KEY, LABEL]].astype({LABEL: "boolean"})
        users = users.merge(labels, on=KEY, how="left")
        users["model_status"] = status
        return users
    models, labelled = _fit_classifier(sample, p)
    scored = score_batches(models, user_batches, key=KEY)
    scored = scored.merge(labelled[[KEY, "split", LABEL]], on=KEY, how="left").fillna(
        {"split": SPLIT_UNLABELLED}
    )
    scored["forest_threshold"] = models.forest_threshold
    scored["baseline_threshold"] = models.baseline_threshold
    # The constant baseline predicts the majority class of training data.
    scored["base_rate_threshold"] = 0.5
    scored["model_status"] = status
    return scored


def classifier_feature_importances(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Impurity and permutation importances of the forest on the test users.

    The same sample, split and seed as :func:`classifier_predictions`, so
    the forest refitted here is the same forest. Null importances, with
    the reason in ``model_status``, when nothing can be fitted."""
    p = ModelParams(params, "int_fan_classifier_feature_importances")
    features = _classifier_features(sample, p)
    status = fit_status(sample[LABEL], p.int("min_labelled"), unit="users")
    if status != STATUS_FITTED:
        frame = pd.DataFrame({"feature_name": features})
        for column in [
            "impurity_importance",
            "permutation_importance",
            "permutation_importance_std",
        ]:
            frame[column] = pd.array([None] * len(frame), dtype="Float64")
        frame["importance_rank"] = range(1, len(frame) + 1)
        frame["model_status"] = status
        return frame
    models, labelled = _fit_classifier(sample, p)
    test_users = sample.sort_values(KEY, ignore_index=True)[
        (labelled["split"] == SPLIT_TEST).to_numpy()
    ]
    importances = feature_importances(models, test_users, LABEL, p.int("random_state"))
    importances["model_status"] = status
    return importances
