{#- Two CTEs that turn engagement events into one row of activity per user:
    `<prefix>_firsts` (each user's first engagement time) and
    `<prefix>_per_user`. `events` names a relation or CTE with user_id,
    page_id, post_id, engagement_type, engaged_at, engaged_date and
    engagement_weight (and engagement_id with `with_last_engagement_id`:
    each user's last engagement by position, an incremental watermark).
    Used for the full history and for the early window, so both define
    features alike.

    No window function, so no sort of every event by user and time (the
    costliest step at ten million events): the mean gap between a user's
    consecutive engagements is (last - first) / (engagements - 1), as the
    gaps add up to the span; the gap from the first to the second is 0 when
    two engagements share the first time, else the first later time minus
    the first. Both in whole seconds before the division, so every build
    gives the same bits. -#}
{% macro fan_activity_ctes(events, prefix, with_last_engagement_id=false) %}

{{ prefix }}_firsts as (

    select
        user_id,
        min(engaged_at) as first_engaged_at

    from {{ events }}

    group by user_id

),

{{ prefix }}_per_user as (

    select
        events.user_id,
        {{ fan_engagement_counts() }},
        cast(sum(events.engagement_weight) as bigint) as engagement_score,
        count(distinct events.page_id) as distinct_page_count,
        count(distinct events.post_id) as distinct_post_count,
        count(distinct events.engaged_date) as active_day_count,
        firsts.first_engaged_at,
        max(events.engaged_at) as last_engaged_at,
        case
            when count(*) > 1
                then {{ dbt.datediff(
                    'firsts.first_engaged_at', 'max(events.engaged_at)', 'second'
                ) }} / cast(3600 as double) / (count(*) - 1)
        end as mean_hours_between_engagements,
        case
            when
                count(
                    case when events.engaged_at = firsts.first_engaged_at then 1 end
                ) > 1
                then cast(0 as double)
            else {{ dbt.datediff(
                'firsts.first_engaged_at',
                'min(case when events.engaged_at > firsts.first_engaged_at'
                ~ ' then events.engaged_at end)',
                'second'
            ) }} / cast(3600 as double)
        end as hours_to_second_engagement
        {%- if with_last_engagement_id %},
        max(events.engagement_id) as last_engagement_id
        {%- endif %}

    from {{ events }} as events

    inner join {{ prefix }}_firsts as firsts
        on events.user_id = firsts.user_id

    group by events.user_id, firsts.first_engaged_at

)

{% endmacro %}
