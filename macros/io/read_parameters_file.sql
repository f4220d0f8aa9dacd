{#- A table expression reading fitted model parameters kept from an earlier
    build (a .parquet file, or a .csv with a header, types detected): the
    frozen-parameters vars such as segmentation_parameters_path. Unlike
    read_data_file, CSV columns are typed, since these files are written by
    the warehouse itself (audience-warehouse export-table). -#}
{% macro read_parameters_file(path) -%}
    {{ return(adapter.dispatch('read_parameters_file', 'audience_warehouse')(path)) }}
{%- endmacro %}

{% macro default__read_parameters_file(path) -%}
    {%- set quoted = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if (path | lower).endswith('.parquet') -%}
        read_parquet({{ quoted }})
    {%- elif (path | lower).endswith('.csv') -%}
        read_csv({{ quoted }}, header = true, delim = ',', quote = '"', comment = '')
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "Cannot read parameters from '" ~ path ~ "': expected a .parquet or"
            ~ " .csv file (audience-warehouse export-table writes both).") }}
    {%- endif -%}
{%- endmacro %}
