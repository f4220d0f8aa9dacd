{{ config(materialized='table') }}
{#- Per cluster and category: the mean share of likes of the cluster's
    users who like anything (the users the models learn from: not the
    evaluation users), and the category's rank in the cluster (highest mean
    share first, ties to the more popular category). The ad rule blends a
    user's own shares with these. -#}

with

clusters as (

    select * from {{ ref('int_interest_user_clusters') }}

),

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

centroid_clusters as (

    select distinct cluster_id from {{ ref('int_interest_cluster_centroids') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

learning_shares as (

    select
        clusters.cluster_id,
        user_category_likes.category,
        {{ exact_avg('user_category_likes.like_share') }} as mean_share,
        count(*) as user_count

    from user_category_likes

    inner join profiles
        on user_category_likes.user_id = profiles.user_id

    inner join clusters
        on user_category_likes.user_id = clusters.user_id

    where not profiles.is_evaluation_user and profiles.mapped_likes > 0

    group by clusters.cluster_id, user_category_likes.category

),

grid as (

    select
        centroid_clusters.cluster_id,
        categories.category,
        categories.popularity_rank,
        coalesce(learning_shares.mean_share, 0) as mean_share,
        coalesce(learning_shares.user_count, 0) as user_count

    from centroid_clusters

    cross join categories

    left join learning_shares
        on
            centroid_clusters.cluster_id = learning_shares.cluster_id
            and categories.category = learning_shares.category

),

ranked as (

    select
        *,
        cast(row_number() over (
            partition by cluster_id
            order by mean_share desc, popularity_rank asc
        ) as {{ dbt.type_bigint() }}) as category_rank

    from grid

)

select * from ranked
