{{ config(materialized='table') }}
{#- One row per category of the map: likes and users over the users the
    models learn from (not the evaluation users), and the popularity rank
    that breaks every tie in this domain (1 = most liked; then by name). -#}

with

category_map as (

    select * from {{ ref('int_interest_category_map') }}

),

likes as (

    select * from {{ ref('int_interest_likes_cleaned') }}

),

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

categories as (

    select distinct category from category_map

),

learning_likes as (

    select
        likes.category,
        sum(likes.like_count) as like_count,
        count(distinct likes.user_id) as user_count

    from likes

    inner join profiles
        on likes.user_id = profiles.user_id

    where not profiles.is_evaluation_user and likes.like_count > 0

    group by likes.category

),

ranked as (

    select
        categories.category,
        cast(coalesce(learning_likes.like_count, 0) as bigint) as like_count,
        cast(coalesce(learning_likes.user_count, 0) as bigint) as user_count,
        cast(row_number() over (
            order by
                coalesce(learning_likes.like_count, 0) desc, categories.category
        ) as {{ dbt.type_bigint() }}) as popularity_rank

    from categories

    left join learning_likes
        on categories.category = learning_likes.category

)

select * from ranked
