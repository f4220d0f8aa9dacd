{#- DuckDB version of dbt's safe_cast, found through the `dispatch` search
    order in dbt_project.yml, so every dbt.safe_cast call gets it. dbt's
    default is a plain cast, which fails the whole model on one bad value;
    this returns null instead (try_cast), and also where a plain try_cast
    would let a bad value through: a fraction cast to an integer type (DuckDB
    rounds '1.5' to 2) and NaN or infinity cast to a floating type. -#}
{% macro duckdb__safe_cast(field, type) -%}
    {%- set base_type = type | lower | trim -%}
    {%- if base_type in ['bigint', 'integer', 'int', 'smallint', 'tinyint',
        'hugeint', 'int8', 'int4', 'long'] -%}
        case
            when
                try_cast({{ field }} as double)
                = trunc(try_cast({{ field }} as double))
                then try_cast(try_cast({{ field }} as double) as {{ type }})
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
