{#- Two CTEs that turn engagement events into one row of activity per user:
    `<prefix>_sequenced` (each event with its number and the hours since the
    user's previous one) and `<prefix>_per_user`. `events` names a relation
    or CTE with user_id, page_id, post_id, engagement_type, engaged_at,
    engaged_date, engagement_weight and engagement_id. Used for the full
    history and for the early window, so both define features alike. -#}
{% macro fan_activity_ctes(events, prefix) %}

{{ prefix }}_sequenced as (

    select
        *,
        row_number() over (
            partition by user_id order by engaged_at, engagement_id
        ) as event_number,
        {{ dbt.datediff(
            'lag(engaged_at) over (partition by user_id'
            ~ ' order by engaged_at, engagement_id)',
            'engaged_at', 'second'
        ) }} / 3600.0 as hours_since_previous

    from {{ events }}

),

{{ prefix }}_per_user as (

    select
        user_id,
        {{ fan_engagement_counts() }},
        cast(sum(engagement_weight) as bigint) as engagement_score,
        count(distinct page_id) as distinct_page_count,
        count(distinct post_id) as distinct_post_count,
        count(distinct engaged_date) as active_day_count,
        min(engaged_at) as first_engaged_at,
        max(engaged_at) as last_engaged_at,
        {{ exact_avg('hours_since_previous') }}
            as mean_hours_between_engagements,
        max(case when event_number = 2 then hours_since_previous end)
            as hours_to_second_engagement

    from {{ prefix }}_sequenced

    group by user_id

)

{% endmacro %}
