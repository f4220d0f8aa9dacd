{%- set sources = {
    'website': 'website_events_path',
    'video': 'video_views_path',
    'facebook': 'facebook_actions_path',
    'instagram': 'instagram_actions_path',
} -%}
{%- set hooks = [] -%}
{%- for event_source, path_var in sources.items() -%}
    {%- do hooks.append(
        "{{ fail_if_mostly_rejected('(select reject_reason from ' ~ this ~ "
        ~ "\" where event_source = '" ~ event_source ~ "') as events\", '"
        ~ path_var ~ "', 'the " ~ event_source ~ " events sample') }}"
    ) -%}
{%- endfor -%}
{{ config(materialized='table', post_hook=hooks) }}
{#- Every raw event of the four sources in one shape, with its reject
    reason (null = clean): event_source says which source, and
    source_row_number is the row in that source. A table: the raw events
    (possibly tens of millions) are read and checked once. -#}

with

website_events as (

    select
        'website' as event_source,
        source_row_number,
        malformed_reason,
        malformed_detail,
        person_id,
        page_type as event_type,
        visited_at as event_at,
        cast(null as {{ dbt.type_string() }}) as video_id,
        cast(null as {{ dbt.type_float() }}) as seconds_watched,
        cast(null as {{ dbt.type_float() }}) as video_length_seconds

    from {{ ref('stg_restaurant__website_events') }}

),

video_views as (

    select
        'video' as event_source,
        source_row_number,
        malformed_reason,
        malformed_detail,
        person_id,
        'video_view' as event_type,
        viewed_at as event_at,
        video_id,
        seconds_watched,
        video_length_seconds

    from {{ ref('stg_restaurant__video_views') }}

),

facebook_actions as (

    select
        'facebook' as event_source,
        source_row_number,
        malformed_reason,
        malformed_detail,
        person_id,
        action_type as event_type,
        acted_at as event_at,
        cast(null as {{ dbt.type_string() }}) as video_id,
        cast(null as {{ dbt.type_float() }}) as seconds_watched,
        cast(null as {{ dbt.type_float() }}) as video_length_seconds

    from {{ ref('stg_restaurant__facebook_actions') }}

),

instagram_actions as (

    select
        'instagram' as event_source,
        source_row_number,
        malformed_reason,
        malformed_detail,
        person_id,
        action_type as event_type,
        acted_at as event_at,
        cast(null as {{ dbt.type_string() }}) as video_id,
        cast(null as {{ dbt.type_float() }}) as seconds_watched,
        cast(null as {{ dbt.type_float() }}) as video_length_seconds

    from {{ ref('stg_restaurant__instagram_actions') }}

),

events as (

    select * from website_events
    union all
    select * from video_views
    union all
    select * from facebook_actions
    union all
    select * from instagram_actions

),

event_types as (

    select * from {{ ref('audiences_event_types') }}

),

people as (

    select person_id from {{ ref('int_audience_people_cleaned') }}

),

events_numbered as (

    {#- Exact copies of an earlier row of the same source: double loads. -#}
    select
        *,
        row_number() over (
            partition by
                event_source, person_id, event_type, event_at, video_id,
                seconds_watched, video_length_seconds, malformed_detail
            order by source_row_number
        ) as copy_number

    from events

),

events_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        events.event_source,
        events.source_row_number,
        events.person_id,
        events.event_type,
        events.event_at,
        events.video_id,
        events.seconds_watched,
        events.video_length_seconds,
        case
            when events.malformed_reason is not null
                then events.malformed_reason
            when events.person_id is null then 'null_person_id'
            when events.event_at is null then 'invalid_event_at'
            when events.event_at not between {{ plausible_time_range() }}
                then 'implausible_event_at'
            when event_types.event_type is null then 'unknown_event_type'
            when
                events.event_source = 'video'
                and coalesce(events.video_id, '') = ''
                then 'null_video_id'
            when
                events.event_source = 'video'
                and not coalesce(events.video_length_seconds > 0, false)
                then 'invalid_video_length'
            when
                events.event_source = 'video'
                and not coalesce(events.seconds_watched >= 0, false)
                then 'invalid_seconds_watched'
            when events.seconds_watched > events.video_length_seconds
                then 'watched_beyond_length'
            when people.person_id is null then 'unknown_person'
            when events.copy_number > 1 then 'exact_duplicate'
        end as reject_reason,
        events.malformed_detail as reject_detail

    from events_numbered as events

    left join event_types
        on
            events.event_source = event_types.source
            and events.event_type = event_types.event_type

    left join people
        on events.person_id = people.person_id

)

select * from events_checked
