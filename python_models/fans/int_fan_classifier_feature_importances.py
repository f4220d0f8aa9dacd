"""Feature importances of the early-activity random forest."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.fans.models import classifier_feature_importances


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_fan_classifier_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_fan_classifier_sample").df()
    # One row: the history's length against the windows.
    history = dbt.ref("int_fan_history_span").df()
    return classifier_feature_importances(sample, params, history=history)
