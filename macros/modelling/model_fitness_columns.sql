{% macro model_fitness_columns(values) %}
    {#- The select list of one model-fitness row, the same typed columns in
        the same order in every fct_<domain>_model_fitness: `values` maps a
        column to its SQL expression; a column left out is null. -#}
    {%- set columns = [
        ('model_name', dbt.type_string()),
        ('fit_method', dbt.type_string()),
        ('fit_row_count', dbt.type_bigint()),
        ('distinct_point_count', dbt.type_bigint()),
        ('top_point_share', 'double'),
        ('choices_tried', dbt.type_string()),
        ('chosen', dbt.type_string()),
        ('is_chosen_at_edge', 'boolean'),
        ('quality_measure', dbt.type_string()),
        ('quality_value', 'double'),
        ('baseline_measure', dbt.type_string()),
        ('baseline_value', 'double'),
        ('fit_status', dbt.type_string()),
        ('fit_note', dbt.type_string()),
    ] -%}
    {%- for name, data_type in columns %}
        cast({{ values.get(name, 'null') }} as {{ data_type }})
            as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{% endmacro %}
