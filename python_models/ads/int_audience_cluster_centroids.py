"""Fitted KMeans parameters for audience cells: one row per cluster."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.ads.models import TOO_MANY_CELLS_HINT, cluster_centroids
    from audience_warehouse.io.dbt import chosen_k, read_bounded


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    k = chosen_k(dbt.ref("int_audience_cluster_k_selection"))
    # Bounded, as in int_audience_cluster_k_selection.
    cells = read_bounded(
        dbt.ref("int_audience_cells_aggregated"),
        params["max_rows"],
        "audience cells",
        TOO_MANY_CELLS_HINT,
    )
    return cluster_centroids(cells, k, params)
