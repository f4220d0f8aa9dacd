{#- Spark version of dbt's safe_cast (found through the `dispatch` search
    order, as duckdb__safe_cast is), with the same rules: null instead of
    an error (try_cast), a whole number written as digits cast from its
    text (ids above 2^53 keep every digit), other forms through a double
    only below 2^53, a fraction null (Spark's cast would truncate '1.5' to
    1), and NaN and infinity null for floating types. -#}
{% macro spark__safe_cast(field, type) -%}
    {%- set base_type = type | lower | trim -%}
    {%- set text = 'trim(cast(' ~ field ~ ' as string))' -%}
    {%- set number = 'try_cast(' ~ text ~ ' as double)' -%}
    {%- set finite = ' between -1.7976931348623157e308 and 1.7976931348623157e308' -%}
    {%- if base_type in ['bigint', 'integer', 'int', 'smallint', 'tinyint',
        'long', 'short', 'byte'] -%}
        case
            when {{ regex_full_match(text, '[+-]?[0-9]+(\\.0*)?') }}
                then try_cast(
                    regexp_extract({{ text }}, '^[+-]?[0-9]+', 0) as {{ type }}
                )
            when abs({{ number }}) < 9007199254740992
                and {{ number }} = floor({{ number }})
                then try_cast({{ number }} as {{ type }})
        end
    {%- elif base_type in ['double', 'float', 'real'] -%}
        case
            when try_cast({{ field }} as double) {{ finite }}
                then try_cast({{ field }} as {{ type }})
        end
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}
