{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_audience_website_events') }}
{%- set events_path = input_path(var('website_events_path')) -%}
{%- set events = source_or_file(
    'restaurant', 'website_events', events_path
) -%}
{%- set columns = ['person_id', 'page_type', 'visited_at'] -%}
{%- do assert_input_shape(
    events,
    columns,
    events_path or 'source restaurant.website_events',
) %}
{#- Loaded incrementally from a user's file (macros/incremental). -#}
{{ incremental_input(
    events, events_path, 'website_events_path', columns
) }}

with

source as (

    select * from {{ events }}

),

renamed as (

    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ raw_row_hash(columns) }} as raw_row_hash,
        {{ dbt.safe_cast('person_id', 'bigint') }} as person_id,
        lower(trim({{ missing_as_null('page_type') }})) as page_type,
        {{ parse_timestamp('visited_at') }} as visited_at

    from source
    {{ incremental_input_rows() }}

)

select * from renamed
