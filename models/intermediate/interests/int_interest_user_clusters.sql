{{ config(materialized='table') }}
{#- Every clean user with at least var interests_min_likes_to_cluster
    mapped likes: the nearest cluster in SQL from the stored centroids
    (long rows: cluster x component), with the distance; ties to the
    smaller cluster id. Users with fewer likes are not placed (too few to
    say what their taste is). -#}

with

components as (

    select * from {{ ref('int_interest_user_components') }}

),

centroids as (

    select * from {{ ref('int_interest_cluster_centroids') }}

),

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

distances as (

    select
        components.user_id,
        centroids.cluster_id,
        {{ exact_sum(
            '(components.coordinate - centroids.centroid)'
            ~ ' * (components.coordinate - centroids.centroid)'
        ) }} as distance_squared

    from components

    inner join centroids
        on components.component = centroids.component

    inner join profiles
        on components.user_id = profiles.user_id

    where
        profiles.mapped_likes >= {{ var('interests_min_likes_to_cluster') }}

    group by components.user_id, centroids.cluster_id

),

ranked as (

    select
        user_id,
        cluster_id,
        sqrt(distance_squared) as distance_to_centroid,
        cast(row_number() over (
            partition by user_id
            order by distance_squared, cluster_id
        ) as {{ dbt.type_bigint() }}) as distance_rank

    from distances

)

select
    user_id,
    cluster_id,
    distance_to_centroid

from ranked

where distance_rank = 1
