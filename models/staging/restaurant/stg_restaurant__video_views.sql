{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_audience_video_views') }}
{%- set events_path = input_path(var('video_views_path')) -%}
{%- set events = source_or_file(
    'restaurant', 'video_views', events_path
) -%}
{%- set columns = [
    'person_id', 'video_id', 'seconds_watched', 'video_length_seconds',
    'viewed_at',
] -%}
{%- do assert_input_shape(
    events,
    columns,
    events_path or 'source restaurant.video_views',
) %}
{#- Loaded incrementally from a user's file (macros/incremental). -#}
{{ incremental_input(
    events, events_path, 'video_views_path', columns
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
        trim({{ missing_as_null('video_id') }}) as video_id,
        {{ dbt.safe_cast('seconds_watched', 'double') }}
            as seconds_watched,
        {{ dbt.safe_cast('video_length_seconds', 'double') }}
            as video_length_seconds,
        {{ parse_timestamp('viewed_at') }} as viewed_at

    from source
    {{ incremental_input_rows() }}

)

select * from renamed
