{{ config(materialized='table') }}
{#- The evaluation users' likes per category (long rows, zeros left out),
    at most var interests_evaluation_max_users users: the input of the
    ad-choice check. -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

evaluation_users as (

    select user_id

    from profiles

    where
        is_evaluation_user
        and evaluation_rank <= {{ var('interests_evaluation_max_users') }}

),

likes as (

    select
        user_category_likes.user_id,
        user_category_likes.category,
        user_category_likes.like_count

    from user_category_likes

    inner join evaluation_users
        on user_category_likes.user_id = evaluation_users.user_id

    where user_category_likes.like_count > 0

)

select * from likes
