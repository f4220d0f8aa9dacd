{#- A timestamp from text that is either ISO (`2026-01-05 10:16:29`, with or
    without `T`) or epoch milliseconds (digits only); null when it is
    neither. -#}
{% macro parse_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'audience_warehouse')(column)) }}
{%- endmacro %}

{% macro default__parse_timestamp(column) -%}
    {{ dbt.safe_cast(column, dbt.type_timestamp()) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(column) -%}
    case
        when regexp_full_match(trim(cast({{ column }} as varchar)), '[0-9]+')
            then epoch_ms(try_cast(trim(cast({{ column }} as varchar)) as bigint))
        else try_cast(cast({{ column }} as varchar) as timestamp)
    end
{%- endmacro %}
