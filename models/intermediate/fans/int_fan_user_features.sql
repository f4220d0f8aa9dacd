{{ config(materialized='table') }}

with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

{{ fan_activity_ctes('engagements', 'history') }},

user_features as (

    {#- Shares and recency/tenure, then the activity-clustering inputs
        (feature_*): how much, on how many days and pages, over how long,
        all log-scaled. The type mix (comment and share shares) is left out
        on purpose: it describes how a user engages, not how much. -#}
    select
        history_per_user.*,
        {{ safe_divide(
            'history_per_user.comment_count', 'history_per_user.engagement_count'
        ) }} as comment_share,
        {{ safe_divide(
            'history_per_user.share_count', 'history_per_user.engagement_count'
        ) }} as share_share,
        {{ dbt.datediff(
            'history_per_user.last_engaged_at', 'as_of.as_of_at', 'second'
        ) }} / 86400.0 as recency_days,
        {{ dbt.datediff(
            'history_per_user.first_engaged_at',
            'history_per_user.last_engaged_at', 'second'
        ) }} / 86400.0 as tenure_days,
        ln(1 + history_per_user.engagement_count)
            as feature_log_engagement_count,
        ln(1 + history_per_user.active_day_count)
            as feature_log_active_day_count,
        ln(1 + history_per_user.distinct_page_count)
            as feature_log_distinct_page_count,
        ln(
            1 + {{ dbt.datediff(
                'history_per_user.first_engaged_at',
                'history_per_user.last_engaged_at', 'second'
            ) }} / 86400.0
        ) as feature_log_tenure_days

    from history_per_user

    cross join as_of

)

select * from user_features
