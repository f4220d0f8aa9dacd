"""KMeans inertia and silhouette per k over the audience cells (elbow data)."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.ads.models import TOO_MANY_CELLS_HINT, cluster_k_selection
    from audience_warehouse.io.dbt import read_bounded


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: audience cells are few (bands x genders x interests); above
    # params.max_rows the read fails with a hint instead of fitting.
    cells = read_bounded(
        dbt.ref("int_audience_cells_aggregated"),
        params["max_rows"],
        "audience cells",
        TOO_MANY_CELLS_HINT,
    )
    return cluster_k_selection(cells, params)
