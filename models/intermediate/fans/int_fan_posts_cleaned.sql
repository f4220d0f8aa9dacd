with

validated_posts as (

    select * from {{ ref('int_fan_posts_validated') }}

),

clean_posts as (

    select
        post_id,
        page_id,
        posted_at

    from validated_posts

    where reject_reason is null

)

select * from clean_posts
