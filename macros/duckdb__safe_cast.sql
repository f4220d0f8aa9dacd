{#- dbt's default safe_cast is a plain cast, which fails the whole model on
    one bad value. On DuckDB use try_cast (null on failure), as dbt's own
    Snowflake and BigQuery versions do. Picked up by the `dispatch` search
    order in dbt_project.yml, so every dbt.safe_cast call gets it. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
