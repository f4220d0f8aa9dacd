{{ config(materialized='table') }}
{%- set features = var('segmentation_features') -%}

with

customers as (

    select * from {{ ref('int_customers_cleaned') }}

),

features as (

    select * from {{ ref('int_customer_features') }}

),

parameters as (

    select * from {{ ref('int_customer_segment_parameters') }}

),

nearest_segment as (

    {#- Assignment in SQL for every customer, standardised with the stored
        scaler and compared with the stored centroids (the fit ran on a
        bounded sample in Python). -#}
    {{ nearest_centroid(
        'features', 'customer_id', 'parameters', 'segment_id', features
    ) }}

),

customers_segmented as (

    select
        customers.*,
        nearest_segment.segment_id,
        nearest_segment.distance_to_centroid

    from customers

    inner join nearest_segment
        on customers.customer_id = nearest_segment.customer_id

)

select * from customers_segmented
