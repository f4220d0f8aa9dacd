{{ config(materialized='table') }}
{%- set page_ids = var('fans_page_ids') -%}
{%- set start_date = var('fans_start_date') -%}
{%- set end_date = var('fans_end_date') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_cleaned') }}

),

engagement_types as (

    select * from {{ ref('fans_engagement_types') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

in_scope as (

    {#- The subset every fans mart works on: vars fans_page_ids (empty =
        all pages) and fans_start_date / fans_end_date (inclusive dates,
        null = open), and nothing after the as-of date (a snapshot "as of"
        fans_as_of_date). Rejects are not scoped, so rows still reconcile. -#}
    select
        engagements.*,
        engagement_types.engagement_weight,
        cast(engagements.engaged_at as date) as engaged_date

    from engagements

    inner join engagement_types
        on engagements.engagement_type = engagement_types.engagement_type

    inner join as_of
        on engagements.engaged_at <= as_of.as_of_at

    where true
    {%- if page_ids %}
            and engagements.page_id in ({{ page_ids | join(', ') }})
        {%- endif %}
    {%- if start_date %}
            and cast(engagements.engaged_at as date)
            >= cast('{{ start_date }}' as date)
        {%- endif %}
    {%- if end_date %}
            and cast(engagements.engaged_at as date)
            <= cast('{{ end_date }}' as date)
        {%- endif %}

)

select * from in_scope
