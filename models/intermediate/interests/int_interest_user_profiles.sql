{{ config(materialized='table') }}
{#- One row per clean user: age group, liked posts (every clean like) and
    mapped likes (likes of interests the map knows), and whether the user
    is kept out of every fit for the ad-choice check (a seeded share, var
    interests_evaluation_share, by its own salted hash order). -#}

with

users as (

    select * from {{ ref('int_interest_users_cleaned') }}

),

likes as (

    select * from {{ ref('int_interest_likes_cleaned') }}

),

age_groups as (

    select * from {{ ref('interests_age_groups') }}

),

user_likes as (

    select
        user_id,
        sum(like_count) as liked_posts,
        sum(case when category is not null then like_count else 0 end)
            as mapped_likes

    from likes

    group by user_id

),

ranked as (

    select
        users.user_id,
        cast(row_number() over (
            order by {{ sample_order(dbt.concat([
                'users.user_id', "'-evaluation'"
            ])) }}
        ) as {{ dbt.type_bigint() }}) as evaluation_rank,
        count(*) over () as user_count

    from users

),

profiles as (

    select
        users.user_id,
        users.age,
        users.age_status,
        coalesce(age_groups.age_group, 'unknown') as age_group,
        users.gender,
        cast(coalesce(user_likes.liked_posts, 0) as bigint) as liked_posts,
        cast(coalesce(user_likes.mapped_likes, 0) as bigint) as mapped_likes,
        ranked.evaluation_rank,
        ranked.evaluation_rank
        <= floor(ranked.user_count * {{ var('interests_evaluation_share') }})
            as is_evaluation_user

    from users

    inner join ranked
        on users.user_id = ranked.user_id

    left join user_likes
        on users.user_id = user_likes.user_id

    left join age_groups
        on users.age between age_groups.min_age and age_groups.max_age

)

select * from profiles
