{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'engagements_path', 'sample_fan_engagements') }}",
) }}
{#- A table: the raw events (possibly tens of millions) are read and checked
    once; int_fan_engagements_cleaned and _rejected are its two halves. -#}

with

engagements as (

    select * from {{ ref('stg_facebook_pages__engagements') }}

),

pages as (

    select * from {{ ref('int_fan_pages_cleaned') }}

),

posts as (

    select * from {{ ref('int_fan_posts_cleaned') }}

),

engagement_types as (

    select * from {{ ref('fans_engagement_types') }}

),

numbered as (

    {#- Exact copies of an earlier row (user, page, post, type, time) are
        double loads: the first (by position in the file) is kept, the
        others rejected as exact_duplicate, as in every source. -#}
    select
        *,
        row_number() over (
            partition by
                user_id, page_id, post_id, engagement_type, engaged_at,
                malformed_detail
            order by engagement_id
        ) as occurrence

    from engagements

),

engagements_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        numbered.engagement_id,
        numbered.user_id,
        numbered.page_id,
        numbered.post_id,
        numbered.engagement_type,
        numbered.engaged_at,
        case
            when numbered.malformed_reason is not null
                then numbered.malformed_reason
            when
                numbered.user_id is null
                or numbered.page_id is null
                or numbered.post_id is null
                then 'null_id'
            when numbered.engaged_at is null then 'invalid_engaged_at'
            when
                numbered.engaged_at
                not between {{ plausible_time_range() }}
                then 'implausible_engaged_at'
            when engagement_types.engagement_type is null
                then 'unknown_engagement_type'
            when pages.page_id is null then 'unknown_page'
            when posts.post_id is null then 'unknown_post'
            when posts.page_id != numbered.page_id then 'post_on_other_page'
            when numbered.engaged_at < posts.posted_at
                then 'engaged_before_post'
            when numbered.occurrence > 1 then 'exact_duplicate'
        end as reject_reason,
        numbered.malformed_detail as reject_detail

    from numbered

    left join engagement_types
        on numbered.engagement_type = engagement_types.engagement_type

    left join pages
        on numbered.page_id = pages.page_id

    left join posts
        on numbered.post_id = posts.post_id

)

select * from engagements_checked
