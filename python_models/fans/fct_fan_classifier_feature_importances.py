"""Feature importances of the early-activity random forest."""

from audience_warehouse.classifier import (
    SPLIT_TEST,
    feature_importances,
    labelled_predictions,
)
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    test_share = dbt.config.meta_get("test_share")
    n_estimators = dbt.config.meta_get("n_estimators")
    random_state = dbt.config.meta_get("random_state")

    # Bounded: int_fan_classifier_sample is a seeded sample of fixed size.
    # The same sample, split and seed as int_fan_classifier_predictions, so
    # this refit is the same forest.
    sample = dbt.ref("int_fan_classifier_sample").df()
    models, labelled = labelled_predictions(
        sample,
        key="user_id",
        features=prefixed_columns(list(sample.columns)),
        baseline_feature="feature_engagement_count",
        label="is_engaged_later",
        test_share=float(test_share),
        n_estimators=int(n_estimators),
        random_state=int(random_state),
    )
    test_users = sample.sort_values("user_id", ignore_index=True)[
        (labelled["split"] == SPLIT_TEST).to_numpy()
    ]
    return feature_importances(
        models, test_users, "is_engaged_later", random_state=int(random_state)
    )
