"""KMeans inertia and silhouette per k over the audience cells (elbow data)."""

from audience_warehouse.clustering import choose_k, score_k_range
from audience_warehouse.params import name_list, optional_int


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    features = dbt.config.meta_get("features")
    k_min = dbt.config.meta_get("k_min")
    k_max = dbt.config.meta_get("k_max")
    forced_k = dbt.config.meta_get("forced_k")
    max_rows = dbt.config.meta_get("max_rows")
    random_state = dbt.config.meta_get("random_state")

    cells = dbt.ref("int_audience_cells_aggregated")
    cell_count = cells.aggregate("count(*)").fetchall()[0][0]
    if cell_count > int(max_rows):
        raise ValueError(
            f"{cell_count} audience cells exceed max_rows={max_rows}: raise var "
            "ads_cluster_max_cells, or coarsen the cells"
        )
    frame = cells.order("audience_cell_id").df()

    scores = score_k_range(
        frame[name_list(features)],
        k_values=range(int(k_min), int(k_max) + 1),
        random_state=int(random_state),
    )
    return choose_k(scores, optional_int(forced_k))
