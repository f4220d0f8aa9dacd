with

users as (

    select * from {{ ref('int_fan_user_features') }}

),

scored as (

    {#- The superfan rule, one flag per condition so the reason is visible:
        top fans_superfan_top_share of users by engagement score (likes 1,
        comments 3, shares 5: seed fans_engagement_types), active on at
        least fans_superfan_min_active_days days, and last seen within
        fans_superfan_max_recency_days of the as-of date. -#}
    select
        user_id,
        engagement_score,
        percent_rank() over (order by engagement_score) as score_percentile,
        active_day_count,
        recency_days

    from users

),

flagged as (

    select
        *,
        {{ superfan_rule('score', 'score_percentile') }} as passes_score_rule,
        {{ superfan_rule('active_days', active_days='active_day_count') }}
            as passes_active_days_rule,
        {{ superfan_rule('recency', recency_days='recency_days') }}
            as passes_recency_rule

    from scored

),

final as (

    select
        *,
        passes_score_rule
        and passes_active_days_rule
        and passes_recency_rule as is_superfan

    from flagged

)

select * from final
