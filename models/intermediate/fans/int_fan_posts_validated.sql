{{ config(materialized='table') }}

with

posts as (

    select * from {{ ref('stg_facebook_pages__posts') }}

),

pages as (

    select * from {{ ref('stg_facebook_pages__pages') }}

),

post_id_counts as (

    select
        post_id,
        count(*) as row_count

    from posts

    where post_id is not null

    group by post_id

),

posts_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        posts.*,
        case
            when posts.post_id is null then 'null_post_id'
            when post_id_counts.row_count > 1 then 'duplicate_post_id'
            when posts.page_id is null or pages.page_id is null
                then 'unknown_page'
            when posts.posted_at is null then 'invalid_posted_at'
        end as reject_reason

    from posts

    left join post_id_counts
        on posts.post_id = post_id_counts.post_id

    left join pages
        on posts.page_id = pages.page_id

)

select * from posts_checked
