"""Early-activity classifier: fit on a labelled sample, score every user."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.fans.models import KEY, classifier_predictions
    from audience_warehouse.io.dbt import batches


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_fan_classifier_sample is a seeded sample of fixed size;
    # the classifier's users (the sample and those whose label is not known
    # yet) are scored in batches of about params.batch_size users.
    sample = dbt.ref("int_fan_classifier_sample").df()
    scope = dbt.ref("int_fan_user_early_features").filter("is_in_classifier_scope")
    users = batches(scope, KEY, int(params["batch_size"]))
    # One row: the history's length against the windows.
    history = dbt.ref("int_fan_history_span").df()
    return classifier_predictions(sample, users, params, history=history)
