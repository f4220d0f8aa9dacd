{#- The relation a staging model reads: source(source_name, table_name), or,
    when `path` is set (a dbt var), the user's CSV or Parquet file at `path`.
    source() is always called, so lineage and docs keep the source. -#}
{% macro source_or_file(source_name, table_name, path) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if path -%}
        {{ return(read_data_file(path)) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
