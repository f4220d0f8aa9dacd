{{ config(
    materialized=event_materialization(['engagements_path']),
    incremental_strategy='append',
    meta={'incremental_state': {
        'vars': ['fans_start_date', 'fans_end_date'],
        'refs': [],
        'upstream': ['int_fan_engagements_history'],
    }},
    pre_hook="{{ incremental_reset() }}",
    post_hook="{{ incremental_record() }}",
) }}
{#- Incremental (macros/incremental): history rows past the last one here
    are appended. -#}
{%- set start_date = var('fans_start_date') -%}
{%- set end_date = var('fans_end_date') -%}

with

history as (

    select * from {{ ref('int_fan_engagements_history') }}
    {%- if is_incremental() %}

    where engagement_id > {{ incremental_watermark('engagement_id') }}
    {%- endif %}

),

in_scope as (

    {#- The subset the exploration, activity and superfan marts work on:
        the history (pages of var fans_page_ids, nothing after the as-of
        date) within fans_start_date / fans_end_date (inclusive dates, null
        = open). Rejects are not scoped, so rows still reconcile. -#}
    select * from history

    where true
    {%- if start_date %}
            and engaged_date >= cast('{{ start_date }}' as date)
        {%- endif %}
    {%- if end_date %}
            and engaged_date <= cast('{{ end_date }}' as date)
        {%- endif %}

)

select * from in_scope
