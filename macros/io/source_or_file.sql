{#- The rows a staging model reads: source(source_name, table_name), or,
    when `path` is set (a dbt var), the user's CSV or Parquet file at `path`
    (read_data_file). Either way with source_row_number (the row's position
    in the input, 1 = first data row; a plain scan keeps file order),
    malformed_reason and malformed_detail (set only for a file's unreadable
    lines). source() is always called, so lineage and docs keep the
    source. -#}
{% macro source_or_file(source_name, table_name, path) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if path -%}
        {{ return(read_data_file(path, table_name)) }}
    {%- else -%}
        {{ return(numbered_rows(relation)) }}
    {%- endif -%}
{%- endmacro %}
