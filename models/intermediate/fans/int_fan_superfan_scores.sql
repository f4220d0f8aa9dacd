with

users as (

    select * from {{ ref('int_fan_user_features') }}

),

score_ranks as (

    {{ value_percent_ranks('users', 'engagement_score') }}

),

scored as (

    {#- The superfan rule, one flag per condition so the reason is visible:
        top fans_superfan_top_share of users by engagement score (likes 1,
        comments 3, shares 5: seed fans_engagement_types), active on at
        least fans_superfan_min_active_days days, and last seen within
        fans_superfan_max_recency_days of the as-of date. -#}
    select
        users.user_id,
        users.engagement_score,
        score_ranks.percent_rank as score_percentile,
        users.active_day_count,
        users.recency_days

    from users

    left join score_ranks
        on users.engagement_score = score_ranks.ranked_value

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
