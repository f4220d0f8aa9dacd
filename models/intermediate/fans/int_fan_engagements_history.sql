{{ config(
    materialized=event_materialization(['engagements_path']),
    incremental_strategy='append',
    meta={'incremental_state': {
        'vars': ['fans_page_ids', 'fans_as_of_date', 'fans_end_date'],
        'refs': ['fans_engagement_types'],
        'upstream': ['int_fan_engagements_validated'],
    }},
    pre_hook="{{ incremental_reset() }}",
    post_hook="{{ incremental_record() }}",
) }}
{#- Incremental (macros/incremental): clean events past the last one here
    are appended. The as-of date only moves forward as events arrive, and
    an event left out was after it for good (var fans_as_of_date, or a day
    after var fans_end_date), so appending gives what a full refresh
    gives. -#}
{%- set page_ids = var('fans_page_ids') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_cleaned') }}
    {%- if is_incremental() %}

    where engagement_id > {{ incremental_watermark('engagement_id') }}
    {%- endif %}

),

engagement_types as (

    select * from {{ ref('fans_engagement_types') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

history as (

    {#- Every valid event on the pages of var fans_page_ids (empty = all)
        up to the as-of date, whatever fans_start_date says: the
        early-activity classifier needs each user's true first engagement,
        so a user who started before the date window is not a new user. -#}
    select
        engagements.*,
        engagement_types.engagement_weight,
        cast(engagements.engaged_at as date) as engaged_date

    from engagements

    inner join engagement_types
        on engagements.engagement_type = engagement_types.engagement_type

    inner join as_of
        on engagements.engaged_at <= as_of.as_of_at

    {%- if page_ids %}
        where engagements.page_id in ({{ page_ids | join(', ') }})
    {%- endif %}

)

select * from history
