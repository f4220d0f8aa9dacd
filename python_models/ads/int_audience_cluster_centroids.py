"""Fitted KMeans parameters for audience cells: one row per cluster."""

from audience_warehouse.clustering import fit_kmeans_parameters
from audience_warehouse.params import name_list


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    features = dbt.config.meta_get("features")
    random_state = dbt.config.meta_get("random_state")

    k_selection = dbt.ref("fct_audience_cluster_k_selection")
    chosen_k = k_selection.filter("is_chosen").project("k").fetchall()[0][0]
    # Bounded: fct_audience_cluster_k_selection fails above max_rows cells.
    cells = dbt.ref("int_audience_cells_aggregated").order("audience_cell_id").df()

    return fit_kmeans_parameters(
        cells[name_list(features)], k=int(chosen_k), random_state=int(random_state)
    )
