{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_fan_engagements') }}
{%- set engagements_path = input_path(var('engagements_path')) -%}
{%- set engagements = source_or_file(
    'facebook_pages', 'engagements', engagements_path
) -%}
{%- set columns = [
    'user_id', 'page_id', 'post_id', 'engagement_type', 'engaged_at'
] -%}
{%- do assert_input_shape(
    engagements,
    columns,
    engagements_path or 'source facebook_pages.engagements',
) %}
{#- Loaded incrementally from a user's file (macros/incremental). -#}
{{ incremental_input(
    engagements, engagements_path, 'engagements_path', columns,
    key='engagement_id',
) }}

with

source as (

    select * from {{ engagements }}

),

renamed as (

    {#- No id column: the key is the row's position in the input, as for
        customers (a plain scan keeps file order). -#}
    select
        source_row_number as engagement_id,
        malformed_reason,
        malformed_detail,
        {{ raw_row_hash(columns) }} as raw_row_hash,
        {{ dbt.safe_cast('user_id', 'bigint') }} as user_id,
        {{ dbt.safe_cast('page_id', 'bigint') }} as page_id,
        {{ dbt.safe_cast('post_id', 'bigint') }} as post_id,
        lower(trim({{ missing_as_null('engagement_type') }}))
            as engagement_type,
        {{ parse_timestamp('engaged_at') }} as engaged_at

    from source
    {{ incremental_input_rows('engagement_id') }}

)

select * from renamed
