"""Ward hierarchical clustering of customers: one row per dendrogram merge."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.segmentation.models import ward_merges_of_sample


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_customers_model_sample is a seeded sample of fixed size;
    # Ward itself takes its first params.max_rows ranks (memory in n^2).
    sample = dbt.ref("int_customers_model_sample").df()
    return ward_merges_of_sample(sample, params)
