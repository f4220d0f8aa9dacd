{{ config(materialized='table') }}
{%- set features = var('fans_activity_features') -%}

with

users as (

    select * from {{ ref('int_fan_user_features') }}

),

centroids as (

    select * from {{ ref('int_fan_activity_centroids') }}

),

nearest_cluster as (

    {#- Every user is assigned in SQL to the nearest fitted centroid (the
        fit ran on a bounded sample). -#}
    {{ nearest_centroid(
        'users', 'user_id', 'centroids', 'cluster_id', features
    ) }}

),

cluster_activity as (

    select
        nearest_cluster.cluster_id,
        avg(users.engagement_count) as mean_engagement_count

    from nearest_cluster

    inner join users
        on nearest_cluster.user_id = users.user_id

    group by nearest_cluster.cluster_id

),

cluster_levels as (

    {#- Levels are ordered by the mean engagements of the cluster's users:
        rank 1 = least active. -#}
    select
        cluster_id,
        cast(row_number() over (
            order by mean_engagement_count asc, cluster_id asc
        ) as {{ dbt.type_bigint() }}) as level_rank,
        count(*) over () as level_count

    from cluster_activity

),

users_clustered as (

    select
        nearest_cluster.user_id,
        nearest_cluster.cluster_id,
        cluster_levels.level_rank,
        cluster_levels.level_count

    from nearest_cluster

    inner join cluster_levels
        on nearest_cluster.cluster_id = cluster_levels.cluster_id

)

select * from users_clustered
