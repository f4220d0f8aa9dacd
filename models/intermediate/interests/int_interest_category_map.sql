-- depends_on: {{ ref('interests_category_map') }}
{%- set map_path = input_path(var('interest_category_map_path')) -%}
{{ config(materialized='table') }}
{#- Interest -> category, from seed interests_category_map (columns
    subcategory and category) or your file (var interest_category_map_path,
    its columns named by vars interests_category_map_interest_column and
    interests_category_map_category_column). Interests are matched trimmed
    and lower-cased; a missing-value token (macro missing_as_null) is
    missing. Your file fails the build naming its line when a line cannot
    be read, lacks its interest or category, or gives an interest two
    categories (macro assert_category_map); a line with neither is blank.
    An exact repeat is read once. -#}
{%- set map_rows = read_data_file(map_path, 'interests_category_map')
    if map_path else ref('interests_category_map') -%}
{%- set interest_column = var('interests_category_map_interest_column')
    if map_path else 'subcategory' -%}
{%- set category_column = var('interests_category_map_category_column')
    if map_path else 'category' -%}
{%- do assert_input_shape(
    map_rows, [interest_column, category_column],
    map_path or 'seed interests_category_map',
) %}
{%- if map_path -%}
    {%- do assert_category_map(
        map_rows, interest_column, category_column, map_path
    ) %}
{%- endif %}

with

map_rows as (

    select * from {{ map_rows }}

),

mapped as (

    select
        lower(trim({{ missing_as_null(adapter.quote(interest_column)) }}))
            as interest,
        lower(trim({{ missing_as_null(adapter.quote(category_column)) }}))
            as category

    from map_rows

),

complete as (

    select distinct
        interest,
        category

    from mapped

    where
        interest is not null
        and category is not null

)

select * from complete
