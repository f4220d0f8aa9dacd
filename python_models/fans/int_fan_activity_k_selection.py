"""KMeans inertia and silhouette per k over users' activity (elbow data)."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.fans.models import activity_k_selection


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_fan_cluster_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_fan_cluster_sample").df()
    return activity_k_selection(sample, params)
