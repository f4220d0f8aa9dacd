"""KMeans inertia and silhouette per k on the sample's principal components."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.interests.models import k_selection


def model(dbt, session):
    dbt.config(materialized="table")
    # Bounded: the fit sample's coordinates (interests_sample_size users).
    sample = dbt.ref("int_interest_sample_components").df()
    return k_selection(sample, dbt.config.meta_get("params"))
