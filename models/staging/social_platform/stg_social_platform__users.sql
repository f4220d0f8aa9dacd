{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_interest_users') }}
{%- set users_path = input_path(var('interest_users_path')) -%}
{{ config(materialized='table' if users_path else 'view') }}
{%- set users = source_or_file('social_platform', 'users', users_path) -%}
{%- do assert_input_shape(
    users, ['user_id', 'age', 'gender'],
    users_path or 'source social_platform.users',
) %}
{%- set found = optional_columns(users, ['name', 'handle']) %}

with

source as (

    select * from {{ users }}

),

renamed as (

    {#- Everything stays text: age is checked in
        int_interest_users_validated, where a bad age makes it unknown,
        never drops the user. Name and handle are optional (personal data,
        schema pii; nothing downstream reads them). Text columns: a
        missing-value token is null (macro missing_as_null), so `NA` gender
        is unknown; age is a number and keeps its rules. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        trim({{ missing_as_null('user_id') }}) as user_id,
        {% if 'name' in found -%}
            {{ missing_as_null('name') }}
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as name,  -- noqa: RF04
        {% if 'handle' in found -%}
            {{ missing_as_null('handle') }}
        {%- else -%}
            cast(null as {{ dbt.type_string() }})
        {%- endif %} as handle,
        {{ number_text('age') }} as age,
        {{ missing_as_null('gender') }} as gender

    from source

)

select * from renamed
