with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

daily as (

    select
        page_id,
        engaged_date,
        engagement_type,
        count(*) as engagement_count,
        count(distinct user_id) as engaged_user_count

    from engagements

    group by page_id, engaged_date, engagement_type

)

select * from daily
