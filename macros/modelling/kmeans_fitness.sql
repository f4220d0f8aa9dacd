{% macro kmeans_fitness(model_name, method, k_selection) %}
    {#- One model-fitness row from a k-selection table of core select_k: the
        chosen k, the range tried, the silhouette over distinct points
        beside var cluster_min_silhouette, and the fit's status in words. -#}
    select
        {{ model_fitness_columns({
            'model_name': "'" ~ model_name ~ "'",
            'fit_method': "'" ~ method ~ "'",
            'fit_row_count': 'max(fit_row_count)',
            'distinct_point_count': 'max(distinct_point_count)',
            'top_point_share': 'max(top_point_share)',
            'choices_tried': dbt.concat([
                dbt.safe_cast('min(k)', dbt.type_string()), "'-'",
                dbt.safe_cast('max(k)', dbt.type_string()),
            ]),
            'chosen': 'max(case when is_chosen then k end)',
            'is_chosen_at_edge': 'max(case when is_chosen then k end)'
                ~ ' in (min(k), max(k)) and min(k) < max(k)',
            'quality_measure': "'silhouette over distinct points'",
            'quality_value': 'max(case when is_chosen then silhouette end)',
            'baseline_measure':
                "'var cluster_min_silhouette (no clear clusters under it)'",
            'baseline_value': var('cluster_min_silhouette'),
            'fit_status': 'max(fit_status)',
            'fit_note': 'max(fit_note)',
        }) }}

    from {{ k_selection }}
{% endmacro %}
