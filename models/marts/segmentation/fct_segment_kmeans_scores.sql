with

kmeans_scores as (

    select * from {{ ref('int_customer_kmeans_scores') }}

),

published as (

    select
        cast(k as bigint) as k,
        cast(inertia as double) as inertia,
        cast(silhouette as double) as silhouette

    from kmeans_scores

)

select * from published
