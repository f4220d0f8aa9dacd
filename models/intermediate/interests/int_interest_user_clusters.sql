{{ config(materialized='table') }}
{#- Every clean user's nearest cluster in SQL from the stored centroids
    (long rows: cluster x component), with the distance; ties to the
    smaller cluster id. -#}

with

components as (

    select * from {{ ref('int_interest_user_components') }}

),

centroids as (

    select * from {{ ref('int_interest_cluster_centroids') }}

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
