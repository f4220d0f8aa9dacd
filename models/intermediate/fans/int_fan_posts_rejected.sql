with

validated_posts as (

    select * from {{ ref('int_fan_posts_validated') }}

),

rejected_posts as (

    select * from validated_posts

    where reject_reason is not null

)

select * from rejected_posts
