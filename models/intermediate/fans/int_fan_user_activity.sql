{{ config(
    materialized=event_materialization(['engagements_path']),
    incremental_strategy='delete+insert',
    unique_key='user_id',
    meta={'incremental_state': {
        'vars': [],
        'refs': [],
        'upstream': ['int_fan_engagements_in_scope'],
    }},
    pre_hook="{{ incremental_reset() }}",
    post_hook="{{ incremental_record() }}",
) }}
{#- Incremental (macros/incremental): only users with events past the last
    one counted here are recomputed (from all their events), the others
    kept. Nothing here depends on the as-of date (recency is computed in
    int_fan_user_features), so a user without new events keeps their row. -#}

with

in_scope as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

engagements as (

    select in_scope.*

    from in_scope
    {%- if is_incremental() %}

    -- Only the users with events past the last one counted here.
    where in_scope.user_id in (
        select new_events.user_id

        from in_scope as new_events

        where
            new_events.engagement_id
            > {{ incremental_watermark('last_engagement_id') }}
    )
    {%- endif %}

),

{{ fan_activity_ctes('engagements', 'history', with_last_engagement_id=true) }}

select * from history_per_user
