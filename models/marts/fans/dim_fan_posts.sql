with

posts as (

    select * from {{ ref('int_fan_posts_in_scope') }}

),

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

post_engagement as (

    select
        post_id,
        {{ fan_engagement_counts() }},
        count(distinct user_id) as engaged_user_count,
        min(engaged_at) as first_engaged_at,
        max(engaged_at) as last_engaged_at

    from engagements

    group by post_id

),

post_summary as (

    select
        posts.post_id,
        posts.page_id,
        posts.posted_at,
        coalesce(post_engagement.engagement_count, 0) as engagement_count,
        coalesce(post_engagement.like_count, 0) as like_count,
        coalesce(post_engagement.comment_count, 0) as comment_count,
        coalesce(post_engagement.share_count, 0) as share_count,
        coalesce(post_engagement.engaged_user_count, 0) as engaged_user_count,
        post_engagement.first_engaged_at,
        post_engagement.last_engaged_at,
        {{ dbt.datediff(
            'posts.posted_at', 'post_engagement.first_engaged_at', 'second'
        ) }} / cast(3600 as double) as hours_to_first_engagement

    from posts

    left join post_engagement
        on posts.post_id = post_engagement.post_id

)

select * from post_summary
