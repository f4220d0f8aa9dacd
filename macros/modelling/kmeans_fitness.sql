{% macro kmeans_fitness(model_name, method, k_selection) %}
    {#- One model-fitness row (the columns of every fct_<domain>_model_fitness)
        from a k-selection table of core select_k: the chosen k, the range
        tried, the silhouette over distinct points beside var
        cluster_min_silhouette, and the fit's status in words. -#}
    select
        cast('{{ model_name }}' as {{ dbt.type_string() }}) as model_name,
        cast('{{ method }}' as {{ dbt.type_string() }}) as fit_method,
        cast(max(fit_row_count) as {{ dbt.type_bigint() }}) as fit_row_count,
        cast(max(distinct_point_count) as {{ dbt.type_bigint() }})
            as distinct_point_count,
        max(top_point_share) as top_point_share,
        {{ dbt.concat([
            dbt.safe_cast('min(k)', dbt.type_string()), "'-'",
            dbt.safe_cast('max(k)', dbt.type_string()),
        ]) }} as choices_tried,
        {{ dbt.safe_cast(
            'max(case when is_chosen then k end)', dbt.type_string()
        ) }} as chosen,
        max(case when is_chosen then k end) in (min(k), max(k))
        and min(k) < max(k) as is_chosen_at_edge,
        cast('silhouette over distinct points' as {{ dbt.type_string() }})
            as quality_measure,
        max(case when is_chosen then silhouette end) as quality_value,
        cast(
            'var cluster_min_silhouette (no clear clusters under it)'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        cast({{ var('cluster_min_silhouette') }} as double) as baseline_value,
        max(fit_status) as fit_status,
        max(fit_note) as fit_note

    from {{ k_selection }}
{% endmacro %}
