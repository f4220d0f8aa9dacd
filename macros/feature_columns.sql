{#- Names of the columns of `relation` that start with `prefix` (the
    project's convention for model features), in table order. Empty while
    parsing or before the relation exists. -#}
{% macro feature_columns(relation, prefix='feature_') %}
    {%- if not execute or load_relation(relation) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name.startswith(prefix) -%}
            {%- do names.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
