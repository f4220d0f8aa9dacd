{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_fan_posts') }}
{%- set posts_path = input_path(var('posts_path')) -%}
{#- A user's file is loaded (a table), so the warehouse never depends on
    the file staying where it was; the sample seed is read through a view. -#}
{{ config(materialized='table' if posts_path else 'view') }}
{%- set posts = source_or_file('facebook_pages', 'posts', posts_path) -%}
{%- do assert_input_shape(
    posts, ['post_id', 'page_id', 'posted_at'],
    posts_path or 'source facebook_pages.posts',
) %}

with

source as (

    select * from {{ posts }}

),

renamed as (

    {#- source_row_number: the row's position in the input, the key of
        the validation model; malformed_*: set for an unreadable line. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ dbt.safe_cast('post_id', 'bigint') }} as post_id,
        {{ dbt.safe_cast('page_id', 'bigint') }} as page_id,
        {{ parse_timestamp('posted_at') }} as posted_at

    from source

)

select * from renamed
