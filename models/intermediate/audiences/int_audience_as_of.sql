{#- A table: one row, read by several models (a view would recompute the
    ranking of every event for each, seconds each on Spark). -#}
{{ config(materialized='table') }}
{#- "Now" for membership, one row: the end of the day in var
    audiences_as_of_date (23:59:59), or, when it is null, the last clean
    event that is not out of line with the rest (macro robust_as_of_ctes:
    one event dated years ahead cannot move "now"). Also the latest event,
    how many events are after "now" (out of scope) and the rule in words. -#}

with

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

{{ robust_as_of_ctes('events', 'event_at') }},

as_of as (

    {%- if var('audiences_as_of_date') %}
    select
        {{ dbt.dateadd(
            'second', 86399,
            "cast('" ~ var('audiences_as_of_date') ~ "' as "
            ~ dbt.type_timestamp() ~ ")",
        ) }} as as_of_at
    {%- else %}
        select as_of_at
        from robust_as_of
    {%- endif %}

),

after_as_of as (

    select count(*) as events_after_as_of

    from events

    cross join as_of

    where events.event_at > as_of.as_of_at

),

final as (

    select
        as_of.as_of_at,
        robust_as_of.latest_event_at,
        after_as_of.events_after_as_of,
        {% if var('audiences_as_of_date') -%}
            'var audiences_as_of_date (the end of that day)' as as_of_rule
        {%- else -%}
            robust_as_of.as_of_rule
        {%- endif %}

    from as_of

    cross join robust_as_of

    cross join after_as_of

)

select * from final
