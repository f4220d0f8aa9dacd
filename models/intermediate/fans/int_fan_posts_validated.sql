{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'posts_path', 'sample_fan_posts') }}",
) }}

with

posts as (

    select * from {{ ref('stg_facebook_pages__posts') }}

),

pages as (

    select * from {{ ref('int_fan_pages_cleaned') }}

),

posts_numbered as (

    {#- copy_number > 1: an exact copy of an earlier row, kept once; the
        copies are rejected as exact_duplicate. -#}
    select
        *,
        row_number() over (
            partition by post_id, page_id, posted_at, malformed_detail
            order by source_row_number
        ) as copy_number

    from posts

),

post_id_counts as (

    {#- Different rows under one id: every copy is rejected. -#}
    select
        post_id,
        count(*) as row_count

    from posts_numbered

    where post_id is not null and copy_number = 1

    group by post_id

),

posts_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        posts.*,
        case
            when posts.malformed_reason is not null
                then posts.malformed_reason
            when posts.copy_number > 1 then 'exact_duplicate'
            when posts.post_id is null then 'null_post_id'
            when post_id_counts.row_count > 1 then 'duplicate_post_id'
            when posts.page_id is null or pages.page_id is null
                then 'unknown_page'
            when posts.posted_at is null then 'invalid_posted_at'
            when posts.posted_at not between {{ plausible_time_range() }}
                then 'implausible_posted_at'
        end as reject_reason,
        posts.malformed_detail as reject_detail

    from posts_numbered as posts

    left join post_id_counts
        on posts.post_id = post_id_counts.post_id

    left join pages
        on posts.page_id = pages.page_id

),

posts_checked_without_copy_number as (

    select {{ star_except(
        ['copy_number', 'malformed_reason', 'malformed_detail']
    ) }}
    from posts_checked

)

select * from posts_checked_without_copy_number
