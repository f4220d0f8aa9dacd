{{ config(materialized='table') }}
{#- Membership of every audience as of int_audience_as_of: one row per
    audience and person with a qualifying event in the audience's retention
    window, i.e. at most retention_days * 86400 seconds before the as-of
    time and not after it. A video threshold in seconds is met by watching
    that long or the whole of a shorter video. -#}

with

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

definitions as (

    select * from {{ ref('int_audience_definitions') }}

),

as_of as (

    select * from {{ ref('int_audience_as_of') }}

),

qualifying_events as (

    select
        definitions.audience_key,
        events.person_id,
        events.event_at

    from events

    inner join definitions
        on
            events.event_source = definitions.source
            and (
                definitions.event_type is null
                or events.event_type = definitions.event_type
            )
            and (
                definitions.video_seconds is null
                or events.seconds_watched >= definitions.video_seconds
                or events.seconds_watched >= events.video_length_seconds
            )
            and (
                definitions.video_percent is null
                or events.percent_watched >= definitions.video_percent
            )

    cross join as_of

    where
        events.event_at <= as_of.as_of_at
        and {{ dbt.datediff('events.event_at', 'as_of.as_of_at', 'second') }}
        < definitions.retention_days * 86400

),

memberships as (

    select
        audience_key,
        person_id,
        min(event_at) as first_qualifying_at,
        max(event_at) as last_qualifying_at,
        count(*) as qualifying_event_count

    from qualifying_events

    group by audience_key, person_id

)

select * from memberships
