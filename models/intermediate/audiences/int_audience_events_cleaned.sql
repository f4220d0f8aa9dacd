{{ config(
    materialized=event_materialization(['website_events_path', 'video_views_path',
        'facebook_actions_path', 'instagram_actions_path']),
    incremental_strategy='append',
    meta={'incremental_state': {'upstream': ['int_audience_events_validated']}},
    pre_hook="{{ incremental_reset() }}",
    post_hook="{{ incremental_record() }}",
) }}
{#- A table: membership, features and the lookalike all read it.
    Incremental (macros/incremental): the clean events of each source past
    the last position here are appended; recomputed whole when the
    validated events were. -#}

with

validated_events as (

    select * from {{ ref('int_audience_events_validated') }}

),

{%- if is_incremental() %}

loaded as (

    select
        event_source,
        max(source_row_number) as last_row_number

    from {{ this }}

    group by event_source

),
{%- endif %}

clean_events as (

    select
        validated_events.event_source,
        validated_events.source_row_number,
        validated_events.person_id,
        validated_events.event_type,
        validated_events.event_at,
        validated_events.video_id,
        validated_events.seconds_watched,
        validated_events.video_length_seconds,
        100.0
        * validated_events.seconds_watched
        / validated_events.video_length_seconds as percent_watched

    from validated_events
    {%- if is_incremental() %}

    left join loaded
        on validated_events.event_source = loaded.event_source
    {%- endif %}

    where validated_events.reject_reason is null
    {%- if is_incremental() %}
        and validated_events.source_row_number
        > coalesce(loaded.last_row_number, 0)
    {%- endif %}

)

select * from clean_events
