{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_audience_people') }}
{%- set people_path = input_path(var('audience_people_path')) -%}
{{ config(materialized='table' if people_path else 'view') }}
{%- set people = source_or_file('restaurant', 'people', people_path) -%}
{%- do assert_input_shape(
    people,
    ['person_id', 'email', 'phone', 'first_name', 'last_name',
     'date_of_birth', 'gender', 'city', 'country', 'zip_code'],
    people_path or 'source restaurant.people',
) %}

with

source as (

    select * from {{ people }}

),

renamed as (

    {#- Personal fields stay text as typed: they are normalised (and
        checked) field by field in int_audience_people_normalised, where an
        invalid value is dropped from its field, never the person. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ dbt.safe_cast('person_id', 'bigint') }} as person_id,
        {{ dbt.safe_cast('email', dbt.type_string()) }} as email,
        {{ dbt.safe_cast('phone', dbt.type_string()) }} as phone,
        {{ dbt.safe_cast('first_name', dbt.type_string()) }} as first_name,
        {{ dbt.safe_cast('last_name', dbt.type_string()) }} as last_name,
        {{ dbt.safe_cast('date_of_birth', dbt.type_string()) }}
            as date_of_birth,
        {{ dbt.safe_cast('gender', dbt.type_string()) }} as gender,
        {{ dbt.safe_cast('city', dbt.type_string()) }} as city,
        {{ dbt.safe_cast('country', dbt.type_string()) }} as country,
        {{ dbt.safe_cast('zip_code', dbt.type_string()) }} as zip_code

    from source

)

select * from renamed
