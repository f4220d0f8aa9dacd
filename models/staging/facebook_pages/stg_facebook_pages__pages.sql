{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_fan_pages') }}
{%- set pages_path = input_path(var('pages_path')) -%}
{#- A user's file is loaded (a table), so the warehouse never depends on
    the file staying where it was; the sample seed is read through a view. -#}
{{ config(materialized='table' if pages_path else 'view') }}
{%- set pages = source_or_file('facebook_pages', 'pages', pages_path) -%}
{%- do assert_input_shape(
    pages, ['page_id', 'page_name', 'page_kind'],
    pages_path or 'source facebook_pages.pages',
) %}

with

source as (

    select * from {{ pages }}

),

renamed as (

    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ dbt.safe_cast('page_id', 'bigint') }} as page_id,
        {#- A missing-value token is null (macro missing_as_null). -#}
        trim({{ missing_as_null('page_name') }}) as page_name,
        lower(trim({{ missing_as_null('page_kind') }})) as page_kind

    from source

)

select * from renamed
