{#- A UTC timestamp from text that is either ISO (`2026-01-05 10:16:29`,
    with or without `T`; a value with an offset or `Z`, such as
    `2026-01-05T10:16:29+02:00`, or with a zone name, such as
    `2026-01-05 10:16:29 America/New_York`, is converted to UTC; one without
    is taken as UTC) or epoch time (digits only: seconds below 1e11,
    milliseconds above); null when it is neither, when the zone name is
    unknown (never ignored), or past the year 9999. -#}
{% macro parse_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'audience_warehouse')(column)) }}
{%- endmacro %}

{% macro default__parse_timestamp(column) -%}
    {{ dbt.safe_cast(column, dbt.type_timestamp()) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(column) -%}
    {%- set text = 'trim(cast(' ~ column ~ ' as varchar))' -%}
    {%- set number = 'try_cast(' ~ text ~ ' as bigint)' -%}
    {#- A time of day followed by Z or an offset such as +02, +0200, -02:00,
        or by a zone name such as America/New_York or UTC. -#}
    {%- set time_of_day = '[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?\\s*' -%}
    {%- set with_offset = time_of_day ~ '(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$' -%}
    {%- set with_zone = time_of_day ~ '[A-Za-z][A-Za-z_+-]*(/[A-Za-z_+-]+)*$' -%}
    case
        {# DuckDB reads these as infinite timestamps: not a time. #}
        when
            lower({{ text }})
            in ('infinity', '+infinity', '-infinity', 'inf', '+inf', '-inf')
            then null
        when regexp_full_match({{ text }}, '[0-9]{1,15}')
            then
                case
                    {# Epoch seconds and milliseconds told apart by size:
                        below 1e11 is seconds (up to the year 5138; in
                        milliseconds it would be before March 1973). #}
                    when {{ number }} < 100000000000
                        then epoch_ms({{ number }} * 1000)
                    when {{ number }} <= 253402300799999
                        then epoch_ms({{ number }})
                end
        when
            regexp_matches({{ text }}, '{{ with_offset }}')
            or regexp_matches({{ text }}, '{{ with_zone }}')
            then timezone('UTC', try_cast({{ text }} as timestamptz))
        when regexp_full_match({{ text }}, '[0-9]+') then null
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}
