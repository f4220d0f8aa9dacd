"""Fitted KMeans parameters for users' activity: one row per cluster."""

from audience_warehouse.clustering import fit_kmeans_parameters
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    random_state = dbt.config.meta_get("random_state")

    k_selection = dbt.ref("fct_fan_activity_k_selection")
    chosen_k = k_selection.filter("is_chosen").project("k").fetchall()[0][0]
    # Bounded: int_fan_cluster_sample is a seeded sample of fixed size.
    users = dbt.ref("int_fan_cluster_sample").order("user_id").df()
    return fit_kmeans_parameters(
        users[prefixed_columns(list(users.columns))],
        k=int(chosen_k),
        random_state=int(random_state),
    )
