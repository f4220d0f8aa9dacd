"""KMeans centroids of the interest clusters: one row per cluster and
component, so that assignment runs in SQL."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.interests.models import cluster_centroids
    from audience_warehouse.io.dbt import chosen_k


def model(dbt, session):
    dbt.config(materialized="table")
    k = chosen_k(dbt.ref("int_interest_cluster_k_selection"))
    # Bounded: the fit sample's coordinates (interests_sample_size users).
    sample = dbt.ref("int_interest_sample_components").df()
    return cluster_centroids(sample, k, dbt.config.meta_get("params"))
