{#- Order expression for a seeded sample: a hash of the key and the project
    seed (var random_seed), so the same data and seed give the same sample.
    Portable through dbt.hash and dbt.concat. -#}
{% macro sample_order(key_column) -%}
    {{ dbt.hash(dbt.concat([
        dbt.safe_cast(key_column, dbt.type_string()),
        "'-" ~ var('random_seed') ~ "'",
    ])) }}, {{ key_column }}
{%- endmacro %}
