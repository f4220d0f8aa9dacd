"""KMeans segments of customers: one row per segment, parameters as data."""

from audience_warehouse.clustering import fit_kmeans_with_stability
from audience_warehouse.params import prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    n_init = dbt.config.meta_get("n_init")
    stability_runs = dbt.config.meta_get("stability_runs")
    random_state = dbt.config.meta_get("random_state")

    k_selection = dbt.ref("fct_segment_k_selection")
    chosen_k = k_selection.filter("is_chosen").project("k").fetchall()[0][0]
    # Bounded: int_customers_model_sample is a seeded sample of fixed size.
    customers = dbt.ref("int_customers_model_sample").order("customer_id").df()
    features = customers[prefixed_columns(list(customers.columns))]

    parameters, stability = fit_kmeans_with_stability(
        features,
        int(chosen_k),
        int(random_state),
        runs=int(stability_runs),
        n_init=int(n_init),
        scale=False,
    )
    return parameters.rename(columns={"cluster_id": "segment_id"}).assign(
        fit_row_count=len(features),
        fit_n_init=int(n_init),
        fit_inertia=stability["inertia"],
        stability_runs=int(stability_runs),
        stability_mean_adjusted_rand_index=stability["mean_adjusted_rand_index"],
        stability_min_adjusted_rand_index=stability["min_adjusted_rand_index"],
    )
