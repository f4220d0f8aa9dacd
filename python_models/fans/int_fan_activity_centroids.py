"""Fitted KMeans parameters for users' activity: one row per cluster."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.fans.models import activity_centroids
    from audience_warehouse.io.dbt import chosen_k


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    k = chosen_k(dbt.ref("int_fan_activity_k_selection"))
    # Bounded: int_fan_cluster_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_fan_cluster_sample").df()
    return activity_centroids(sample, k, params)
