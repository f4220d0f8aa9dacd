{{ config(materialized='table') }}
{#- A table: two models read it (one of them twice), and at 10,000,000
    users a view recomputed inside each ran out of memory under 1 GB. -#}
{%- set early_days = var('fans_early_days') -%}
{%- set label_days = var('fans_label_days') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_history') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

first_engagements as (

    {#- The windows start at the first engagement in the history, as the
        early features' do; taken here, so the classifier's scope can be
        chosen from the labels before any feature is computed. -#}
    select
        user_id,
        min(engaged_at) as first_engaged_at

    from engagements

    group by user_id

),

windows as (

    select
        first_engagements.user_id,
        first_engagements.first_engaged_at,
        {{ dbt.dateadd(
            'day', early_days, 'first_engagements.first_engaged_at'
        ) }} as early_window_ends_at,
        {{ dbt.dateadd(
            'day', early_days + label_days, 'first_engagements.first_engaged_at'
        ) }} as label_window_ends_at,
        as_of.as_of_at

    from first_engagements

    cross join as_of

),

later_activity as (

    {#- An inner join and a filter, then a left join of the counts below:
        a left join with the window conditions in it ran out of memory at
        100,000,000 events under a 1 GB limit. -#}
    select
        windows.user_id,
        count(engagements.engagement_id) as later_engagement_count

    from windows

    inner join engagements
        on windows.user_id = engagements.user_id

    where
        windows.early_window_ends_at <= engagements.engaged_at
        and windows.label_window_ends_at > engagements.engaged_at

    group by windows.user_id

),

labels as (

    {#- Engaged later = at least fans_engaged_min_events engagements in the
        fans_label_days after the early window. Only users whose label
        window has ended by the as-of date have a label. -#}
    select
        windows.user_id,
        windows.first_engaged_at,
        windows.early_window_ends_at,
        windows.label_window_ends_at,
        windows.label_window_ends_at <= windows.as_of_at as is_label_observable,
        coalesce(later_activity.later_engagement_count, 0)
            as later_engagement_count,
        coalesce(later_activity.later_engagement_count, 0)
        >= {{ var('fans_engaged_min_events') }} as is_engaged_later

    from windows

    left join later_activity
        on windows.user_id = later_activity.user_id

)

select * from labels
