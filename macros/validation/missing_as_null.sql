{#- `column` as text, null when it is one of the missing-value tokens of var
    missing_value_tokens (compared trimmed and upper-cased, so `na`, ` N/A `
    and `Null` are missing too). Every text and categorical input column of
    every staging model goes through it; numbers keep their own rules (a
    token in a number column is already null or a reject when cast). Plain
    SQL (upper, trim, in), the same on DuckDB and Spark. -#}
{% macro missing_as_null(column) %}
    {%- set text = dbt.safe_cast(column, dbt.type_string()) -%}
    {%- set tokens = [] -%}
    {%- for token in var('missing_value_tokens') -%}
        {%- do tokens.append(
            "'" ~ (token | string | trim | upper | replace("'", "''")) ~ "'"
        ) -%}
    {%- endfor -%}
    case
        when upper(trim({{ text }})) in ({{ tokens | join(', ') }})
            then null
        else {{ text }}
    end
{%- endmacro %}
