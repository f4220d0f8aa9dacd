{{ config(materialized='table') }}
{#- A table: membership, features and the lookalike all read it. -#}

with

validated_events as (

    select * from {{ ref('int_audience_events_validated') }}

),

clean_events as (

    select
        event_source,
        source_row_number,
        person_id,
        event_type,
        event_at,
        video_id,
        seconds_watched,
        video_length_seconds,
        100.0 * seconds_watched / video_length_seconds as percent_watched

    from validated_events

    where reject_reason is null

)

select * from clean_events
