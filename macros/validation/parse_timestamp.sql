{#- A UTC timestamp from text in one of these forms, and null (a reject)
    for anything else, so a value is never half-read:
    - ISO date and time, `2026-01-05 10:16:29` or `2026-01-05T10:16`, with
      optional fractional seconds, or an ISO date alone: taken as UTC;
    - the same followed by `Z` or an offset from -14:00 to +14:00 (`+02`,
      `+0200`, `-02:00`): converted to UTC;
    - the same followed by a zone name (`UTC`, `America/New_York`: letters,
      underscores and slashes only): converted to UTC, null when the name
      is unknown. Forms such as `UTC+02:00` or `Etc/GMT+2` are rejected:
      their sign conventions disagree, so no reading is safe;
    - epoch time, digits only: seconds below 1e11, milliseconds above (in
      milliseconds 1e11 would be March 1973), null past the year 9999. -#}
{% macro parse_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'audience_warehouse')(column)) }}
{%- endmacro %}

{% macro default__parse_timestamp(column) -%}
    {{ dbt.safe_cast(column, dbt.type_timestamp()) }}
{%- endmacro %}

{#- The forms above as regular expressions (full match), shared by the
    engines' implementations. -#}
{% macro timestamp_text_patterns() -%}
    {%- set date_time = '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}'
        ~ '(:[0-9]{2}(\\.[0-9]+)?)?' -%}
    {{ return({
        'epoch': '[0-9]{1,15}',
        'naive': '[0-9]{4}-[0-9]{2}-[0-9]{2}|' ~ date_time,
        'with_offset': date_time
            ~ ' ?(Z|z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)',
        'with_zone': date_time ~ ' +[A-Za-z_]+(/[A-Za-z_]+)*',
    }) }}
{%- endmacro %}

{#- Epoch time as a timestamp, the rule every reader shares: a whole
    number of seconds below 1e11, of milliseconds from there up to the end
    of the year 9999; null when negative or later. -#}
{% macro epoch_timestamp(number) -%}
    case
        when {{ number }} < 0 then null
        when {{ number }} < 100000000000
            then {{ epoch_millis_to_timestamp('(' ~ number ~ ') * 1000') }}
        when {{ number }} <= 253402300799999
            then {{ epoch_millis_to_timestamp(number) }}
    end
{%- endmacro %}

{% macro epoch_millis_to_timestamp(millis) -%}
    {{ return(adapter.dispatch('epoch_millis_to_timestamp', 'audience_warehouse')(millis)) }}
{%- endmacro %}

{% macro default__epoch_millis_to_timestamp(millis) -%}
    timestamp_millis({{ millis }})
{%- endmacro %}

{% macro duckdb__epoch_millis_to_timestamp(millis) -%}
    epoch_ms({{ millis }})
{%- endmacro %}

{#- Spark (session time zone UTC, as the spark target sets): the text is
    checked against the same forms, then Spark's cast reads every one of
    them (offsets and zone names converted to UTC; an impossible date or
    an unknown zone null, try_cast), an offset's lower-case `z` upper-cased
    first (a zone name's is left: Europe/Vaduz). A typed column goes
    through its text, which is one of the forms (a timestamp or date) or
    digits (a whole number). -#}
{% macro spark__parse_timestamp(column) -%}
    {%- set patterns = timestamp_text_patterns() -%}
    {%- set text = 'trim(cast(' ~ column ~ ' as string))' -%}
    {%- set number = 'cast(' ~ text ~ ' as bigint)' %}
    case
        when {{ regex_full_match(text, patterns.epoch) }}
            then {{ epoch_timestamp(number) }}
        when {{ regex_full_match(text, patterns.naive) }}
            then try_cast({{ text }} as timestamp)
        when {{ regex_full_match(text, patterns.with_offset) }}
            then try_cast(
                regexp_replace({{ text }}, '([0-9]) ?z$', '$1Z') as timestamp
            )
        when {{ regex_full_match(text, patterns.with_zone) }}
            then try_cast({{ text }} as timestamp)
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(column) -%}
    {%- set patterns = timestamp_text_patterns() -%}
    {%- set text = 'trim(cast(' ~ column ~ ' as varchar))' -%}
    {%- set number = 'try_cast(' ~ text ~ ' as bigint)' -%}
    {#- Typed input (Parquet) skips the text: a timestamp or date is taken
        as it is, a whole number by the same epoch rule as digits (a
        negative one is null, as '-5' is). typeof() is the same for every
        row of a column, so only one branch does any work. -#}
    {%- set whole = 'try_cast(' ~ column ~ ' as bigint)' %}
    case
        when typeof({{ column }}) in ('TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS',
            'TIMESTAMP_NS', 'DATE')
            then try_cast({{ column }} as timestamp)
        when typeof({{ column }}) in ('BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT',
            'UBIGINT', 'UINTEGER', 'USMALLINT', 'UTINYINT', 'HUGEINT')
            then {{ epoch_timestamp(whole) }}
        when regexp_full_match({{ text }}, '{{ patterns.epoch }}')
            then {{ epoch_timestamp(number) }}
        when regexp_full_match({{ text }}, '{{ patterns.naive }}')
            then try_cast({{ text }} as timestamp)
        when regexp_full_match({{ text }}, '{{ patterns.with_offset }}')
            {#- DuckDB reads an offset's `Z` only upper-cased. -#}
            then timezone('UTC', try_cast(
                regexp_replace({{ text }}, '([0-9]) ?z$', '\1Z') as timestamptz
            ))
        when regexp_full_match({{ text }}, '{{ patterns.with_zone }}')
            then timezone('UTC', try_cast({{ text }} as timestamptz))
    end
{%- endmacro %}
