{{ config(materialized='table') }}

with

user_activity as (

    select * from {{ ref('int_fan_user_activity') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

user_features as (

    {#- Shares and recency/tenure, then the activity-clustering inputs
        (feature_*): how much, on how many days and pages, over how long,
        all log-scaled. The type mix (comment and share shares) is left out
        on purpose: it describes how a user engages, not how much. -#}
    select
        user_activity.user_id,
        user_activity.engagement_count,
        user_activity.like_count,
        user_activity.comment_count,
        user_activity.share_count,
        user_activity.engagement_score,
        user_activity.distinct_page_count,
        user_activity.distinct_post_count,
        user_activity.active_day_count,
        user_activity.first_engaged_at,
        user_activity.last_engaged_at,
        user_activity.mean_hours_between_engagements,
        user_activity.hours_to_second_engagement,
        {{ safe_divide(
            'user_activity.comment_count', 'user_activity.engagement_count'
        ) }} as comment_share,
        {{ safe_divide(
            'user_activity.share_count', 'user_activity.engagement_count'
        ) }} as share_share,
        {{ dbt.datediff(
            'user_activity.last_engaged_at', 'as_of.as_of_at', 'second'
        ) }} / cast(86400 as double) as recency_days,
        {{ dbt.datediff(
            'user_activity.first_engaged_at',
            'user_activity.last_engaged_at', 'second'
        ) }} / cast(86400 as double) as tenure_days,
        ln(1 + user_activity.engagement_count)
            as feature_log_engagement_count,
        ln(1 + user_activity.active_day_count)
            as feature_log_active_day_count,
        ln(1 + user_activity.distinct_page_count)
            as feature_log_distinct_page_count,
        ln(
            1 + {{ dbt.datediff(
                'user_activity.first_engaged_at',
                'user_activity.last_engaged_at', 'second'
            ) }} / cast(86400 as double)
        ) as feature_log_tenure_days

    from user_activity

    cross join as_of

)

select * from user_features
