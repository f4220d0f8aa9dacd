{%- set lookback_days = var('fans_persistence_days') -%}
{%- set no_history_note = 'no user had engaged by the past date, '
    ~ lookback_days ~ ' days before the as-of date (var fans_persistence_days):'
    ~ ' the history is shorter than that' -%}

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

user_days as (

    {#- One pass over the events, split at the past date, first per user
        and day: no distinct aggregate (a user's active days are the days
        with an event up to the past date) and no join of two per-user
        aggregates, so DuckDB spills instead of running out of memory at
        100,000,000 events under a 1 GB limit. -#}
    select
        engagements.user_id,
        engagements.engaged_date,
        sum(
            case
                when engagements.engaged_at <= dates.past_as_of_at
                    then engagements.engagement_weight
            end
        ) as past_weight,
        max(
            case
                when engagements.engaged_at <= dates.past_as_of_at
                    then engagements.engaged_at
            end
        ) as past_last_engaged_at,
        sum(
            case
                when engagements.engaged_at > dates.past_as_of_at
                    then engagements.engagement_weight
            end
        ) as following_weight

    from engagements

    cross join dates

    group by engagements.user_id, engagements.engaged_date

),

past_users as (

    {#- The users known at the past date: their score, active days and
        recency then, and their score in the following period (0 without
        events). -#}
    select
        user_days.user_id,
        sum(user_days.past_weight) as engagement_score,
        count(user_days.past_weight) as active_day_count,
        {{ dbt.datediff(
            'max(user_days.past_last_engaged_at)', 'max(dates.past_as_of_at)',
            'second'
        ) }} / cast(86400 as double) as recency_days,
        coalesce(sum(user_days.following_weight), 0) as following_score

    from user_days

    cross join dates

    group by user_days.user_id

    having count(user_days.past_weight) > 0

),

past_score_ranks as (

    {{ value_percent_ranks('past_users', 'engagement_score') }}

),

following_score_ranks as (

    {{ value_percent_ranks('past_users', 'following_score') }}

),

following_ranks as (

    {#- Users known at the past date, flagged by the superfan rule as it
        stood then, and ranked by their score in the following period; top
        decile = percent rank at least 0.9. -#}
    select
        past_users.user_id,
        {{ superfan_rule('score', 'past_score_ranks.percent_rank') }}
            as passed_score_rule,
        {{ superfan_rule(
            'active_days', active_days='past_users.active_day_count'
        ) }} as passed_active_days_rule,
        {{ superfan_rule(
            'recency', recency_days='past_users.recency_days'
        ) }} as passed_recency_rule,
        following_score_ranks.percent_rank >= 0.9 as is_top_decile_next

    from past_users

    left join past_score_ranks
        on past_users.engagement_score = past_score_ranks.ranked_value

    left join following_score_ranks
        on past_users.following_score = following_score_ranks.ranked_value

),

past_superfans as (

    select
        *,
        passed_score_rule
        and passed_active_days_rule
        and passed_recency_rule as was_superfan

    from following_ranks

),

rule_counts as (

    {#- How many users known at the past date passed each condition: the
        note of an empty superfan group says which rule nobody passed. -#}
    {{ superfan_rule_counts(
        'past_superfans',
        'passed_score_rule',
        'passed_active_days_rule',
        'passed_recency_rule',
    ) }}

),

user_groups as (

    select
        'superfans at the past date' as user_group,
        count(*) as user_count,
        {{ exact_avg('case when is_top_decile_next then 1 else 0 end') }}
            as share_top_decile_next

    from past_superfans

    where was_superfan

    union all

    select
        'all users at the past date' as user_group,
        count(*) as user_count,
        {{ exact_avg('case when is_top_decile_next then 1 else 0 end') }}
            as share_top_decile_next

    from past_superfans

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
        ) }} as lift_over_all_users,
        {#- An empty group says why: nobody had engaged by the past date (a
            history shorter than fans_persistence_days), or nobody passed
            the superfan rule then (and which condition they failed). -#}
        case
            when user_groups.user_count > 0 then null
            when rule_counts.user_count = 0
                then '{{ no_history_note }}'
            else {{ superfan_rules_note(
                'rule_counts.user_count',
                'rule_counts.score_rule_count',
                'rule_counts.active_days_rule_count',
                'rule_counts.recency_rule_count',
            ) }}
        end as note

    from user_groups

    cross join dates

    cross join rule_counts

    cross join user_groups as everyone

    where everyone.user_group = 'all users at the past date'

)

select * from final
