"""KMeans inertia and silhouette per k over customers (the elbow picture)."""

from audience_warehouse.clustering import score_k_range
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    k_min = dbt.config.meta_get("k_min")
    k_max = dbt.config.meta_get("k_max")
    n_init = dbt.config.meta_get("n_init")
    random_state = dbt.config.meta_get("random_state")

    # Bounded: int_customers_model_sample is a seeded sample of fixed size.
    customers = dbt.ref("int_customers_model_sample").order("customer_id").df()
    return score_k_range(
        customers[prefixed_columns(list(customers.columns))],
        k_values=range(int(k_min), int(k_max) + 1),
        random_state=int(random_state),
        n_init=int(n_init),
        scale=False,
    )
