with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

superfan_scores as (

    select * from {{ ref('int_fan_superfan_scores') }}

),

pages as (

    select * from {{ ref('int_fan_pages_cleaned') }}

),

superfan_page_engagement as (

    {#- On which pages the superfans engage, and how much. -#}
    select
        engagements.user_id,
        engagements.page_id,
        pages.page_name,
        count(*) as engagement_count,
        cast(sum(engagements.engagement_weight) as bigint)
            as engagement_score,
        max(engagements.engaged_at) as last_engaged_at

    from engagements

    inner join superfan_scores
        on
            engagements.user_id = superfan_scores.user_id
            and superfan_scores.is_superfan

    inner join pages
        on engagements.page_id = pages.page_id

    group by engagements.user_id, engagements.page_id, pages.page_name

)

select * from superfan_page_engagement
