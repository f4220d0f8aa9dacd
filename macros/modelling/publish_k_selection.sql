{% macro publish_k_selection(relation) %}
    {#- The published columns of a KMeans k-selection table (core select_k):
        one row per k, the choice, and what the data can support. -#}
    select
        cast(k as {{ dbt.type_bigint() }}) as k,
        cast(inertia as double) as inertia,
        cast(silhouette as double) as silhouette,
        cast(smallest_cluster_size as {{ dbt.type_bigint() }})
            as smallest_cluster_size,
        cast(is_chosen as boolean) as is_chosen,
        cast(selection_rule as {{ dbt.type_string() }}) as selection_rule,
        cast(note as {{ dbt.type_string() }}) as note,
        cast(fit_row_count as {{ dbt.type_bigint() }}) as fit_row_count,
        cast(distinct_point_count as {{ dbt.type_bigint() }})
            as distinct_point_count,
        cast(top_point_share as double) as top_point_share,
        cast(fit_status as {{ dbt.type_string() }}) as fit_status,
        cast(fit_note as {{ dbt.type_string() }}) as fit_note

    from {{ relation }}
{% endmacro %}
