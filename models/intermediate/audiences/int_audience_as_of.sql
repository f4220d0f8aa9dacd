{#- A table: one row, read by several models (a view would recompute the
    ranking of every event for each, seconds each on Spark). -#}
{{ config(materialized='table') }}
{#- "Now" for membership, one row: the end of the day in var
    audiences_as_of_date (23:59:59), or, when it is null, the last clean
    event that is not out of line with the rest (macro robust_as_of_ctes:
    one event dated years ahead cannot move "now"). Also the latest event,
    how many events are after "now" (out of scope) and the rule in words. -#}
{%- set as_of_date = var('audiences_as_of_date') -%}

with

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

{{ robust_as_of_ctes(
    'events',
    'event_at',
    set_at=dbt.dateadd(
        'second', 86399,
        "cast('" ~ as_of_date ~ "' as " ~ dbt.type_timestamp() ~ ")",
    ) if as_of_date else none,
    set_rule='var audiences_as_of_date (the end of that day)',
) }}

select
    as_of_at,
    latest_event_at,
    events_after_as_of,
    as_of_rule

from robust_as_of
