{%- set lookback_days = var('fans_persistence_days') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

dates as (

    {#- The past as-of date: fans_persistence_days before the as-of date.
        The superfan rule is applied as it stood then; the following period
        is what happened after it, up to the as-of date. -#}
    select
        as_of_at,
        {{ dbt.dateadd('day', -lookback_days, 'as_of_at') }} as past_as_of_at

    from as_of

),

past_users as (

    select
        engagements.user_id,
        sum(engagements.engagement_weight) as engagement_score,
        count(distinct engagements.engaged_date) as active_day_count,
        {{ dbt.datediff(
            'max(engagements.engaged_at)', 'max(dates.past_as_of_at)', 'second'
        ) }} / 86400.0 as recency_days

    from engagements

    cross join dates

    where engagements.engaged_at <= dates.past_as_of_at

    group by engagements.user_id

),

past_score_ranks as (

    {{ value_percent_ranks('past_users', 'engagement_score') }}

),

past_flags as (

    select
        past_users.user_id,
        {{ superfan_rule('score', 'past_score_ranks.percent_rank') }}
        and {{ superfan_rule('active_days', active_days='active_day_count') }}
        and {{ superfan_rule('recency', recency_days='recency_days') }}
            as was_superfan

    from past_users

    left join past_score_ranks
        on past_users.engagement_score = past_score_ranks.ranked_value

),

following_scores as (

    select
        engagements.user_id,
        sum(engagements.engagement_weight) as engagement_score

    from engagements

    cross join dates

    where engagements.engaged_at > dates.past_as_of_at

    group by engagements.user_id

),

following as (

    select
        past_flags.user_id,
        past_flags.was_superfan,
        coalesce(following_scores.engagement_score, 0) as engagement_score

    from past_flags

    left join following_scores
        on past_flags.user_id = following_scores.user_id

),

following_score_ranks as (

    {{ value_percent_ranks('following', 'engagement_score') }}

),

following_ranks as (

    {#- Users known at the past date, ranked by their score in the
        following period (0 without events); top decile = percent rank at
        least 0.9. -#}
    select
        following.user_id,
        following.was_superfan,
        following_score_ranks.percent_rank >= 0.9 as is_top_decile_next

    from following

    left join following_score_ranks
        on following.engagement_score = following_score_ranks.ranked_value

),

user_groups as (

    select
        'superfans at the past date' as user_group,
        count(*) as user_count,
        {{ exact_avg('case when is_top_decile_next then 1 else 0 end') }}
            as share_top_decile_next

    from following_ranks

    where was_superfan

    union all

    select
        'all users at the past date' as user_group,
        count(*) as user_count,
        {{ exact_avg('case when is_top_decile_next then 1 else 0 end') }}
            as share_top_decile_next

    from following_ranks

),

final as (

    select
        user_groups.user_group,
        dates.past_as_of_at,
        dates.as_of_at,
        user_groups.user_count,
        user_groups.share_top_decile_next,
        {{ safe_divide(
            'user_groups.share_top_decile_next', 'everyone.share_top_decile_next'
        ) }} as lift_over_all_users

    from user_groups

    cross join dates

    cross join user_groups as everyone

    where everyone.user_group = 'all users at the past date'

)

select * from final
