{#- DuckDB version of dbt's safe_cast, found through the `dispatch` search
    order in dbt_project.yml, so every dbt.safe_cast call gets it. dbt's
    default is a plain cast, which fails the whole model on one bad value;
    this returns null instead (try_cast), and also where a plain try_cast
    would let a bad value through or change it:
    - integer types: a whole number written as digits (`42`, `-7`, `42.0`)
      is cast from its text, so ids above 2^53 keep every digit and a value
      outside the type's range is null; other forms (`4.2e1`) go through a
      double only below 2^53, where a double is exact; a fraction is null
      (DuckDB would round '1.5' to 2);
    - floating types: NaN and infinity are null. -#}
{% macro duckdb__safe_cast(field, type) -%}
    {%- set base_type = type | lower | trim -%}
    {%- set text = 'trim(cast(' ~ field ~ ' as varchar))' -%}
    {%- set number = 'try_cast(' ~ text ~ ' as double)' -%}
    {%- if base_type in ['bigint', 'integer', 'int', 'smallint', 'tinyint',
        'hugeint', 'int8', 'int4', 'long'] -%}
        case
            when regexp_full_match({{ text }}, '[+-]?[0-9]+(\.0*)?')
                then try_cast(
                    regexp_extract({{ text }}, '^[+-]?[0-9]+') as {{ type }}
                )
            when abs({{ number }}) < 9007199254740992
                and {{ number }} = trunc({{ number }})
                then try_cast({{ number }} as {{ type }})
        end
    {%- elif base_type in ['double', 'float', 'real', 'float8', 'float4'] -%}
        case
            when isfinite(try_cast({{ field }} as double))
                then try_cast({{ field }} as {{ type }})
        end
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}
