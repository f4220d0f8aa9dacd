{{ config(materialized='table') }}
{#- One row per clean user and category of the map (zeros included): the
    user's likes in it, the share of the user's mapped likes (0 for a user
    with none), and the category's rank for the user (most likes first,
    ties to the more popular category). -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

likes as (

    select * from {{ ref('int_interest_likes_cleaned') }}

),

category_likes as (

    select
        user_id,
        category,
        sum(like_count) as like_count

    from likes

    where category is not null

    group by user_id, category

),

grid as (

    select
        profiles.user_id,
        categories.category,
        categories.popularity_rank,
        profiles.mapped_likes,
        cast(coalesce(category_likes.like_count, 0) as bigint) as like_count

    from profiles

    cross join categories

    left join category_likes
        on
            profiles.user_id = category_likes.user_id
            and categories.category = category_likes.category

),

shares as (

    select
        user_id,
        category,
        like_count,
        case
            when mapped_likes > 0
                then cast(like_count as double) / mapped_likes
            else 0
        end as like_share,
        {#- bigint on every engine (Spark's row_number() is an int). -#}
        cast(row_number() over (
            partition by user_id
            order by like_count desc, popularity_rank asc
        ) as {{ dbt.type_bigint() }}) as category_rank,
        popularity_rank

    from grid

)

select * from shares
