{%- set page_ids = var('fans_page_ids') -%}

with

pages as (

    select * from {{ ref('int_fan_pages_cleaned') }}

),

posts as (

    select * from {{ ref('int_fan_posts_in_scope') }}

),

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

post_counts as (

    select
        page_id,
        count(*) as post_count

    from posts

    group by page_id

),

page_engagement as (

    select
        page_id,
        {{ fan_engagement_counts() }},
        count(distinct user_id) as engaged_user_count,
        count(distinct post_id) as engaged_post_count

    from engagements

    group by page_id

),

page_summary as (

    select
        pages.page_id,
        pages.page_name,
        pages.page_kind,
        coalesce(post_counts.post_count, 0) as post_count,
        coalesce(page_engagement.engagement_count, 0) as engagement_count,
        coalesce(page_engagement.like_count, 0) as like_count,
        coalesce(page_engagement.comment_count, 0) as comment_count,
        coalesce(page_engagement.share_count, 0) as share_count,
        coalesce(page_engagement.engaged_user_count, 0) as engaged_user_count,
        {{ safe_divide(
            'page_engagement.engagement_count', 'post_counts.post_count'
        ) }} as engagements_per_post,
        {{ safe_divide(
            'page_engagement.engagement_count',
            'page_engagement.engaged_user_count'
        ) }} as engagements_per_user

    from pages

    left join post_counts
        on pages.page_id = post_counts.page_id

    left join page_engagement
        on pages.page_id = page_engagement.page_id

    {% if page_ids -%}
        where pages.page_id in ({{ page_ids | join(', ') }})
    {%- endif %}

)

select * from page_summary
