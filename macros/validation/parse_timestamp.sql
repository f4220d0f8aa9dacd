{#- A UTC timestamp from text that is either ISO (`2026-01-05 10:16:29`,
    with or without `T`; a value with an offset or `Z`, such as
    `2026-01-05T10:16:29+02:00`, is converted to UTC, one without is taken
    as UTC) or epoch milliseconds (digits only); null when it is neither. -#}
{% macro parse_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'audience_warehouse')(column)) }}
{%- endmacro %}

{% macro default__parse_timestamp(column) -%}
    {{ dbt.safe_cast(column, dbt.type_timestamp()) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(column) -%}
    {%- set text = 'trim(cast(' ~ column ~ ' as varchar))' -%}
    {#- A time of day followed by Z or an offset such as +02, +0200, -02:00. -#}
    {%- set with_offset = '[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?'
        ~ '\\s*(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$' -%}
    case
        when regexp_full_match({{ text }}, '[0-9]+')
            then epoch_ms(try_cast({{ text }} as bigint))
        when
            regexp_matches({{ text }}, '{{ with_offset }}')
            then timezone('UTC', try_cast({{ text }} as timestamptz))
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}
