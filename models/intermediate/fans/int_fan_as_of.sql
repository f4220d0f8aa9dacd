{#- A table: one row, read by several models (a view would recompute the
    ranking of every event for each, seconds each on Spark). -#}
{{ config(materialized='table') }}
{#- "Now" for recency and labels, one row: var fans_as_of_date (events
    after it are out of scope), or the last valid engagement up to
    fans_end_date that is not out of line with the rest (macro
    robust_as_of_ctes: one engagement dated years ahead cannot move "now";
    models never call now()). Also the latest engagement, how many are
    after "now" and the rule in words. -#}
{%- set as_of_date = var('fans_as_of_date') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_cleaned') }}

),

in_window as (

    select engaged_at

    from engagements

    {% if var('fans_end_date') -%}
        where cast(engaged_at as date) <= cast('{{ var("fans_end_date") }}' as date)
    {%- endif %}

),

{{ robust_as_of_ctes(
    'in_window',
    'engaged_at',
    set_at="cast('" ~ as_of_date ~ "' as " ~ dbt.type_timestamp() ~ ")"
        if as_of_date else none,
    set_rule='var fans_as_of_date',
) }}

select
    as_of_at,
    latest_event_at,
    events_after_as_of,
    as_of_rule

from robust_as_of
