{{ config(materialized='table') }}
{#- The seeded sample PCA and KMeans are fitted on (bounded: at most var
    interests_sample_size users), as long rows user x category share. Not
    in it: the evaluation users (kept out of every fit) and users with fewer
    than var interests_min_likes_to_fit mapped likes (noisy shares). -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

eligible as (

    select
        user_id,
        cast(
            row_number() over (order by {{ sample_order('user_id') }})
            as {{ dbt.type_bigint() }}
        ) as sample_rank

    from profiles

    where
        not is_evaluation_user
        and mapped_likes >= {{ var('interests_min_likes_to_fit') }}

),

sampled as (

    select
        user_category_likes.user_id,
        user_category_likes.category,
        user_category_likes.like_share,
        eligible.sample_rank

    from eligible

    inner join user_category_likes
        on eligible.user_id = user_category_likes.user_id

    where eligible.sample_rank <= {{ var('interests_sample_size') }}

)

select * from sampled
