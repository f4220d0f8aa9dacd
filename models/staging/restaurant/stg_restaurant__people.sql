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
        invalid value is dropped from its field, never the person. A
        missing-value token is null (macro missing_as_null). -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ dbt.safe_cast('person_id', 'bigint') }} as person_id,
        {{ missing_as_null('email') }} as email,
        {{ missing_as_null('phone') }} as phone,
        {{ missing_as_null('first_name') }} as first_name,
        {{ missing_as_null('last_name') }} as last_name,
        {{ missing_as_null('date_of_birth') }} as date_of_birth,
        {{ missing_as_null('gender') }} as gender,
        {{ missing_as_null('city') }} as city,
        {{ missing_as_null('country') }} as country,
        {{ missing_as_null('zip_code') }} as zip_code

    from source

)

select * from renamed
