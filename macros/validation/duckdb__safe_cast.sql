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
    {{ return(strict_safe_cast(field, type)) }}
{%- endmacro %}

{#- The rules above in SQL both DuckDB and Spark run (spark__safe_cast
    calls it too): try_cast, regex_full_match (dispatched), and a finite
    test by range (NaN sorts above every number on both engines). -#}
{% macro strict_safe_cast(field, type) -%}
    {%- set base_type = type | lower | trim -%}
    {%- set text = 'trim(cast(' ~ field ~ ' as ' ~ dbt.type_string() ~ '))' -%}
    {%- set number = 'try_cast(' ~ text ~ ' as double)' -%}
    {%- if base_type in ['bigint', 'integer', 'int', 'smallint', 'tinyint',
        'hugeint', 'int8', 'int4', 'long', 'short', 'byte'] -%}
        case
            when {{ regex_full_match(text, '[+-]?[0-9]+(\\.0*)?') }}
                then try_cast(
                    regexp_extract({{ text }}, '^[+-]?[0-9]+', 0) as {{ type }}
                )
            when abs({{ number }}) < 9007199254740992
                and {{ number }} = floor({{ number }})
                then try_cast({{ number }} as {{ type }})
        end
    {%- elif base_type in ['double', 'float', 'real', 'float8', 'float4'] -%}
        case
            when try_cast({{ field }} as double)
                between -1.7976931348623157e308 and 1.7976931348623157e308
                then try_cast({{ field }} as {{ type }})
        end
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}
