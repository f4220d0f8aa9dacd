{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_interest_likes') }}
{%- set likes_path = input_path(var('interest_likes_path')) -%}
{{ config(materialized='table' if likes_path else 'view') }}
{%- set likes = source_or_file('social_platform', 'likes', likes_path) -%}
{%- do assert_input_shape(
    likes, ['user_id', 'subcategory', 'like_count'],
    likes_path or 'source social_platform.likes',
) %}

with

source as (

    select * from {{ likes }}

),

renamed as (

    {#- The count stays text: int_interest_likes_validated says why a count
        cannot be read. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        trim({{ dbt.safe_cast('user_id', dbt.type_string()) }}) as user_id,
        lower(trim({{ dbt.safe_cast('subcategory', dbt.type_string()) }}))
            as interest,
        {{ dbt.safe_cast('like_count', dbt.type_string()) }} as like_count

    from source

)

select * from renamed
