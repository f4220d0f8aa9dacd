{#- A table expression reading a user's file. CSV is read as text (every
    column varchar), so a bad value reaches the rejects model instead of
    failing the type sniffer; staging does the casting. Nothing is read as
    a comment (comment = ''): DuckDB's sniffer may take '#' for one and
    drop a line such as Excel's '#N/A'. -#}
{% macro read_data_file(path) -%}
    {{ return(adapter.dispatch('read_data_file', 'audience_warehouse')(path)) }}
{%- endmacro %}

{% macro default__read_data_file(path) -%}
    {%- set lowered = path | lower -%}
    {%- set quoted = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if lowered.endswith('.parquet') -%}
        read_parquet({{ quoted }})
    {%- elif lowered.endswith('.csv') or lowered.endswith('.csv.gz')
        or lowered.endswith('.tsv') or lowered.endswith('.txt') -%}
        read_csv(
            {{ quoted }}, header = true, all_varchar = true, comment = ''
        )
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "Cannot read '" ~ path ~ "': expected a .csv, .csv.gz, .tsv, .txt"
            ~ " or .parquet file.") }}
    {%- endif -%}
{%- endmacro %}
