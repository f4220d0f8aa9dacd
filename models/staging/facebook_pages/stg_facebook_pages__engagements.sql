{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_fan_engagements') }}
{%- set engagements_path = input_path(var('engagements_path')) -%}
{#- A user's file is loaded (an incremental table), so the warehouse never
    depends on the file staying where it was, and a build after rows were
    appended to it (or a file added to its glob) loads the new rows only
    (macros/incremental); the sample seed is read through a view. A CSV's
    unreadable lines are numbered after its readable rows, so appending
    renumbers them: a table holding any is reloaded whole. -#}
{{ config(
    materialized='incremental' if engagements_path else 'view',
    incremental_strategy='append',
    meta={'incremental_state': {'vars': ['engagements_path']}},
    pre_hook="{{ incremental_reset(reset_when='exists (select 1 from '
        ~ this ~ ' where malformed_reason is not null)') }}",
    post_hook="{{ incremental_record() }}",
) }}
{%- set engagements = source_or_file(
    'facebook_pages', 'engagements', engagements_path
) -%}
{%- do assert_input_shape(
    engagements,
    ['user_id', 'page_id', 'post_id', 'engagement_type', 'engaged_at'],
    engagements_path or 'source facebook_pages.engagements',
) %}
{%- if is_incremental() and execute %}
    {%- set counts = run_query(
        'select (select count(*) from ' ~ engagements ~ '), (select count(*) from '
        ~ this ~ ')'
    ).rows[0] -%}
    {%- if counts[0] < counts[1] -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ engagements_path ~ "' has " ~ counts[0] ~ " rows, fewer"
            ~ " than the " ~ counts[1] ~ " already loaded from it: it was"
            ~ " replaced or cut, not appended to. Build with --full-refresh"
            ~ " to load it anew.") }}
    {%- endif -%}
{%- endif %}

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
        {{ dbt.safe_cast('user_id', 'bigint') }} as user_id,
        {{ dbt.safe_cast('page_id', 'bigint') }} as page_id,
        {{ dbt.safe_cast('post_id', 'bigint') }} as post_id,
        lower(trim({{ dbt.safe_cast('engagement_type', dbt.type_string()) }}))
            as engagement_type,
        {{ parse_timestamp('engaged_at') }} as engaged_at

    from source
    {%- if is_incremental() %}

    where source_row_number > {{ incremental_watermark('engagement_id') }}
    {%- endif %}

)

select * from renamed
