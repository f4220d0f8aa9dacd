"""KMeans inertia and silhouette per k over customers (the elbow picture)."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.segmentation.models import kmeans_scores


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_customers_model_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_customers_model_sample").df()
    return kmeans_scores(sample, params)
