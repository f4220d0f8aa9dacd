{#- Spark version of dbt's safe_cast (found through the `dispatch` search
    order, as duckdb__safe_cast is), with the same rules: null instead of
    an error (try_cast), a whole number written as digits cast from its
    text (ids above 2^53 keep every digit), other forms through a double
    only below 2^53, a fraction null (Spark's cast would truncate '1.5' to
    1), and NaN and infinity null for floating types. -#}
{% macro spark__safe_cast(field, type) -%}
    {{ return(strict_safe_cast(field, type)) }}
{%- endmacro %}
