"""KMeans segments of customers: one row per segment, parameters as data."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.io.dbt import chosen_k
    from audience_warehouse.segmentation.models import segment_centroids


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    k = chosen_k(dbt.ref("int_customer_segment_k_selection"))
    # Bounded: int_customers_model_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_customers_model_sample").df()
    return segment_centroids(sample, k, params)
