"""KMeans inertia and silhouette per k over users' activity (elbow data)."""

from audience_warehouse.clustering import choose_k, score_k_range
from audience_warehouse.params import optional_int, prefixed_columns


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    k_min = dbt.config.meta_get("k_min")
    k_max = dbt.config.meta_get("k_max")
    forced_k = dbt.config.meta_get("forced_k")
    random_state = dbt.config.meta_get("random_state")

    # Bounded: int_fan_cluster_sample is a seeded sample of fixed size.
    users = dbt.ref("int_fan_cluster_sample").order("user_id").df()
    scores = score_k_range(
        users[prefixed_columns(list(users.columns))],
        k_values=range(int(k_min), int(k_max) + 1),
        random_state=int(random_state),
    )
    return choose_k(scores, optional_int(forced_k))
