with

validated_customers as (

    select * from {{ ref('int_customers_validated') }}

),

regions as (

    select * from {{ ref('segmentation_regions') }}

),

channels as (

    select * from {{ ref('segmentation_channels') }}

),

clean_customers as (

    select
        validated_customers.customer_id,
        coalesce(validated_customers.minutes_watched, 0) as minutes_watched,
        validated_customers.is_minutes_watched_blank
            as is_minutes_watched_imputed,
        validated_customers.customer_lifetime_value,
        validated_customers.region_code,
        regions.region_name,
        validated_customers.channel_code,
        channels.channel_name

    from validated_customers

    inner join regions
        on validated_customers.region_code = regions.region_code

    inner join channels
        on validated_customers.channel_code = channels.channel_code

    where validated_customers.reject_reason is null

)

select * from clean_customers
