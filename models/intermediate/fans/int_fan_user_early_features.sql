{{ config(materialized='table') }}
{%- set early_days = var('fans_early_days') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_history') }}

),

first_engagements as (

    select
        user_id,
        min(engaged_at) as first_engaged_at

    from engagements

    group by user_id

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

network_features as (

    select * from {{ ref('int_fan_user_network_features') }}

),

early_engagements as (

    {#- Only events before first engagement + fans_early_days: nothing a
        user did later can reach these features (tested). -#}
    select engagements.*

    from engagements

    inner join first_engagements
        on engagements.user_id = first_engagements.user_id

    where
        engagements.engaged_at < {{ dbt.dateadd(
            'day', early_days, 'first_engagements.first_engaged_at'
        ) }}

),

{{ fan_activity_ctes('early_engagements', 'early') }},

early_features as (

    {#- The classifier's inputs (feature_*). A gap that does not happen in
        the window is set to the window's length in hours. -#}
    select
        early_per_user.user_id,
        early_per_user.first_engaged_at,
        {{ dbt.dateadd('day', early_days, 'early_per_user.first_engaged_at') }}
            as early_window_ends_at,
        early_per_user.last_engaged_at,
        early_per_user.engagement_count as feature_engagement_count,
        early_per_user.like_count as feature_like_count,
        early_per_user.comment_count as feature_comment_count,
        early_per_user.share_count as feature_share_count,
        early_per_user.distinct_page_count as feature_distinct_page_count,
        early_per_user.distinct_post_count as feature_distinct_post_count,
        early_per_user.active_day_count as feature_active_day_count,
        coalesce(
            early_per_user.hours_to_second_engagement, {{ early_days * 24 }}
        ) as feature_hours_to_second_engagement,
        coalesce(
            early_per_user.mean_hours_between_engagements, {{ early_days * 24 }}
        ) as feature_mean_hours_between_engagements,
        network_features.feature_first_posts_crowd,
        network_features.feature_mean_post_crowd,
        network_features.feature_co_engagement_degree,
        {#- Network features exist for the classifier's users only. -#}
        network_features.user_id is not null as is_in_classifier_scope,
        {#- A user who started less than fans_early_days before the as-of
            date has not had a full early window: not scored as if so. -#}
        {{ dbt.dateadd('day', early_days, 'early_per_user.first_engaged_at') }}
        <= as_of.as_of_at as is_early_window_complete

    from early_per_user

    cross join as_of

    left join network_features
        on early_per_user.user_id = network_features.user_id

)

select * from early_features
