{#- What the lookalike compares people on, one row per clean person:
    profile (age band and gender indicators) and behaviour up to the as-of
    time (log counts per event source, seconds of video watched, active
    days). Inputs are listed by var audiences_lookalike_features. -#}
{%- set age_bands = {
    '18-24': '18_24', '25-34': '25_34', '35-44': '35_44', '45-54': '45_54',
    '55-64': '55_64', '65+': '65_plus',
} -%}

with

profiles as (

    select * from {{ ref('int_audience_people_profiles') }}

),

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

as_of as (

    select * from {{ ref('int_audience_as_of') }}

),

behaviour as (

    select
        events.person_id,
        count(*) as event_count,
        sum(case when events.event_source = 'website' then 1 else 0 end)
            as website_event_count,
        sum(case when events.event_source = 'video' then 1 else 0 end)
            as video_view_count,
        sum(case when events.event_source = 'facebook' then 1 else 0 end)
            as facebook_action_count,
        sum(case when events.event_source = 'instagram' then 1 else 0 end)
            as instagram_action_count,
        {#- Exact: a double sum's last bits depend on the threads' order. -#}
        coalesce(
            {{ exact_sum('events.seconds_watched') }}, 0
        ) as seconds_watched,
        count(distinct cast(events.event_at as date)) as active_day_count

    from events

    cross join as_of

    where events.event_at <= as_of.as_of_at

    group by events.person_id

),

features as (

    select
        profiles.person_id,
        profiles.country_code,
        coalesce(behaviour.event_count, 0) as event_count,
        {%- for band, name in age_bands.items() %}
            case when profiles.age_band = '{{ band }}' then 1.0 else 0.0 end
                as feature_age_{{ name }},
        {%- endfor %}
        case when profiles.gender = 'f' then 1.0 else 0.0 end
            as feature_gender_f,
        case when profiles.gender = 'm' then 1.0 else 0.0 end
            as feature_gender_m,
        ln(1 + coalesce(behaviour.website_event_count, 0))
            as feature_log_website_events,
        ln(1 + coalesce(behaviour.video_view_count, 0))
            as feature_log_video_views,
        ln(1 + coalesce(behaviour.facebook_action_count, 0))
            as feature_log_facebook_actions,
        ln(1 + coalesce(behaviour.instagram_action_count, 0))
            as feature_log_instagram_actions,
        ln(1 + coalesce(behaviour.seconds_watched, 0))
            as feature_log_seconds_watched,
        ln(1 + coalesce(behaviour.active_day_count, 0))
            as feature_log_active_days

    from profiles

    left join behaviour
        on profiles.person_id = behaviour.person_id

)

select * from features
