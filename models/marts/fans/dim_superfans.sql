with

fans as (

    select * from {{ ref('dim_fans') }}

),

superfan_scores as (

    select * from {{ ref('int_fan_superfan_scores') }}

),

page_engagement as (

    select * from {{ ref('fct_superfan_pages') }}

),

favourite_pages as (

    select
        user_id,
        page_id as favourite_page_id,
        page_name as favourite_page_name,
        cast(row_number() over (
            partition by user_id
            order by engagement_count desc, page_id asc
        ) as {{ dbt.type_bigint() }}) as page_rank

    from page_engagement

),

superfans as (

    select
        fans.user_id,
        fans.engagement_score,
        fans.score_percentile,
        fans.engagement_count,
        fans.like_count,
        fans.comment_count,
        fans.share_count,
        fans.active_day_count,
        fans.distinct_page_count,
        fans.recency_days,
        fans.activity_level,
        superfan_scores.passes_score_rule,
        superfan_scores.passes_active_days_rule,
        superfan_scores.passes_recency_rule,
        favourite_pages.favourite_page_id,
        favourite_pages.favourite_page_name

    from fans

    inner join superfan_scores
        on fans.user_id = superfan_scores.user_id

    inner join favourite_pages
        on
            fans.user_id = favourite_pages.user_id
            and favourite_pages.page_rank = 1

    where fans.is_superfan

)

select * from superfans
