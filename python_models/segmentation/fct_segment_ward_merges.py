"""Ward hierarchical clustering of customers: one row per dendrogram merge."""

from audience_warehouse.clustering import ward_merges
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    max_rows = dbt.config.meta_get("max_rows")

    # Bounded: Ward needs memory in n squared, so the first max_rows of the
    # seeded sample order, then the rows in key order.
    customers = (
        dbt.ref("int_customers_model_sample")
        .filter(f"sample_rank <= {int(max_rows)}")
        .order("customer_id")
        .df()
    )
    return ward_merges(
        customers[prefixed_columns(list(customers.columns))], scale=False
    )
