{#- The popularity order and the cluster shares the ad methods use must be
    learnt without the evaluation users (the check scores those users).
    Recomputed here from the clean likes and the clusters over the learning
    users only; returns every category whose like count, or cluster and
    category whose mean share, differs. Red when evaluation users are let
    in. -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

likes as (

    select * from {{ ref('int_interest_likes_cleaned') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

clusters as (

    select * from {{ ref('int_interest_user_clusters') }}

),

cluster_shares as (

    select * from {{ ref('int_interest_cluster_shares') }}

),

learning_users as (

    select user_id

    from profiles

    where not is_evaluation_user

),

expected_likes as (

    select
        likes.category,
        sum(likes.like_count) as like_count

    from likes

    inner join learning_users
        on likes.user_id = learning_users.user_id

    where likes.category is not null

    group by likes.category

),

wrong_popularity as (

    select
        'popularity' as learnt,
        categories.category,
        cast(null as bigint) as cluster_id

    from categories

    left join expected_likes
        on categories.category = expected_likes.category

    where categories.like_count <> coalesce(expected_likes.like_count, 0)

),

expected_shares as (

    select
        clusters.cluster_id,
        user_category_likes.category,
        avg(user_category_likes.like_share) as mean_share

    from user_category_likes

    inner join clusters
        on user_category_likes.user_id = clusters.user_id

    inner join learning_users
        on user_category_likes.user_id = learning_users.user_id

    group by clusters.cluster_id, user_category_likes.category

),

wrong_shares as (

    select
        'cluster share' as learnt,
        cluster_shares.category,
        cluster_shares.cluster_id

    from cluster_shares

    left join expected_shares
        on
            cluster_shares.cluster_id = expected_shares.cluster_id
            and cluster_shares.category = expected_shares.category

    where
        abs(cluster_shares.mean_share - coalesce(expected_shares.mean_share, 0))
        > 1e-9

),

wrong as (

    select * from wrong_popularity

    union all

    select * from wrong_shares

)

select * from wrong
