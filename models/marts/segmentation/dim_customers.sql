with

customers as (

    select * from {{ ref('int_customers_segmented') }}

),

segments as (

    select * from {{ ref('dim_segments') }}

),

customers_with_segment as (

    select
        customers.customer_id,
        customers.minutes_watched,
        customers.is_minutes_watched_imputed,
        customers.customer_lifetime_value,
        customers.region_code,
        customers.region_name,
        customers.channel_code,
        customers.channel_name,
        customers.segment_id,
        segments.segment_name,
        customers.distance_to_centroid

    from customers

    inner join segments
        on customers.segment_id = segments.segment_id

)

select * from customers_with_segment
