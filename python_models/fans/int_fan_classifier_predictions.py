"""Early-activity classifier: fit on a labelled sample, score every user."""

import math

from audience_warehouse.classifier import (
    SPLIT_UNLABELLED,
    labelled_predictions,
    score_batches,
)
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    test_share = dbt.config.meta_get("test_share")
    n_estimators = dbt.config.meta_get("n_estimators")
    batch_size = dbt.config.meta_get("batch_size")
    random_state = dbt.config.meta_get("random_state")

    # Bounded: int_fan_classifier_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_fan_classifier_sample").df()
    features = prefixed_columns(list(sample.columns))
    models, labelled = labelled_predictions(
        sample,
        key="user_id",
        features=features,
        baseline_feature="feature_engagement_count",
        label="is_engaged_later",
        test_share=float(test_share),
        n_estimators=int(n_estimators),
        random_state=int(random_state),
    )

    # Every user is scored, in batches (user_id modulo the batch count, made
    # non-negative), so memory holds one batch of features at a time.
    users = dbt.ref("int_fan_user_early_features")
    user_count = users.aggregate("count(*)").fetchall()[0][0]
    parts = max(1, math.ceil(user_count / int(batch_size)))
    scored = score_batches(
        models,
        (
            users.filter(f"(user_id % {parts} + {parts}) % {parts} = {part}").df()
            for part in range(parts)
        ),
        key="user_id",
    )
    return scored.merge(
        labelled[["user_id", "split", "is_engaged_later"]], on="user_id", how="left"
    ).fillna({"split": SPLIT_UNLABELLED})
