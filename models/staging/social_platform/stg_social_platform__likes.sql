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
        cannot be read. Text columns: a missing-value token is null (macro
        missing_as_null), so a `null` user id is null_user_id. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        trim({{ missing_as_null('user_id') }}) as user_id,
        lower(trim({{ missing_as_null('subcategory') }})) as interest,
        {{ dbt.safe_cast('like_count', dbt.type_string()) }} as like_count

    from source

)

select * from renamed
