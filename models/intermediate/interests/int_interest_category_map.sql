-- depends_on: {{ ref('interests_category_map') }}
{%- set map_path = input_path(var('interest_category_map_path')) -%}
{{ config(materialized='table') }}
{#- Interest -> category, from seed interests_category_map or your file
    (var interest_category_map_path, columns subcategory and category).
    Interests are matched trimmed and lower-cased; a duplicate interest
    fails the unique test. -#}
{%- set map_rows = read_data_file(map_path, 'interests_category_map')
    if map_path else ref('interests_category_map') -%}
{%- do assert_input_shape(
    map_rows, ['subcategory', 'category'],
    map_path or 'seed interests_category_map',
) %}

with

map_rows as (

    select * from {{ map_rows }}

),

mapped as (

    select distinct
        lower(trim({{ dbt.safe_cast('subcategory', dbt.type_string()) }}))
            as interest,
        lower(trim({{ dbt.safe_cast('category', dbt.type_string()) }}))
            as category

    from map_rows

    where
        subcategory is not null
        and category is not null

)

select * from mapped
