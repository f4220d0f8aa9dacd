{#- Distinct values of `column` in the reference seed `seed_name`, sorted,
    as a list, for generating columns (one-hot features, share columns) from
    reference data. The seed's table is looked up in the reference seeds'
    schema (seeds/reference, `+schema: reference`) rather than through
    ref(), so the values are the same in a dbt unit test, where ref() points
    at a fixture. Empty while parsing, or before the seed is loaded (e.g.
    when SQLFluff compiles the project on an empty database). -#}
{% macro seed_column_values(seed_name, column) %}
    {#- Calling ref() records the dependency, so the seed builds first. -#}
    {%- do ref(seed_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set relation = adapter.get_relation(
        database=target.database,
        schema=generate_schema_name('reference', none),
        identifier=seed_name,
    ) -%}
    {%- if relation is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select distinct {{ column }} as value
        from {{ relation }}
        where {{ column }} is not null
        order by 1
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{% endmacro %}
