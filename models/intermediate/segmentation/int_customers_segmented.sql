{{ config(materialized='table') }}
{%- set features = feature_columns(ref('int_customer_features')) -%}

with

customers as (

    select * from {{ ref('int_customers_cleaned') }}

),

features as (

    select * from {{ ref('int_customer_features') }}

),

centroids as (

    select * from {{ ref('int_customer_segment_centroids') }}

),

customer_distances as (

    {#- Assignment in SQL from the fitted centroids, for every customer
        (the fit ran on a bounded sample in Python). -#}
    select
        features.customer_id,
        centroids.segment_id,
        {{ squared_distance(features, 'features', 'centroids') }}
            as distance_squared

    from features

    cross join centroids

),

nearest_segment as (

    select
        customer_id,
        segment_id,
        sqrt(distance_squared) as distance_to_centroid,
        row_number() over (
            partition by customer_id
            order by distance_squared, segment_id
        ) as distance_rank

    from customer_distances

),

customers_segmented as (

    select
        customers.*,
        nearest_segment.segment_id,
        nearest_segment.distance_to_centroid

    from customers

    inner join nearest_segment
        on customers.customer_id = nearest_segment.customer_id

    where nearest_segment.distance_rank = 1

)

select * from customers_segmented
