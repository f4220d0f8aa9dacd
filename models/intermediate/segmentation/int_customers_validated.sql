{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'customers_path', 'sample_customers') }}",
) }}
{#- A table: the raw input is read once (and its row numbers fixed once);
    int_customers_cleaned and int_customers_rejected are its two halves. -#}

with

customers as (

    select * from {{ ref('stg_learning_platform__customers') }}

),

regions as (

    select * from {{ ref('segmentation_regions') }}

),

channels as (

    select * from {{ ref('segmentation_channels') }}

),

customers_checked as (

    {#- The first failing rule names the row's reason, so each raw row is
        counted once: raw rows = clean rows + rejected rows. Blank minutes
        are not an error (bought, not watched yet): they are imputed as 0
        in int_customers_cleaned, with a flag. -#}
    select
        customers.*,
        case
            when customers.malformed_reason is not null
                then customers.malformed_reason
            when customers.customer_lifetime_value is null
                then 'missing_or_invalid_customer_lifetime_value'
            when
                customers.minutes_watched is null
                and not customers.is_minutes_watched_blank
                then 'invalid_minutes_watched'
            when customers.minutes_watched < 0
                then 'negative_minutes_watched'
            when customers.customer_lifetime_value < 0
                then 'negative_customer_lifetime_value'
            when
                customers.minutes_watched
                > {{ var('segmentation_plausible_max')['minutes_watched'] }}
                or customers.customer_lifetime_value
                > {{ var('segmentation_plausible_max')[
                    'customer_lifetime_value'
                ] }}
                then 'implausible_value'
            when regions.region_code is null then 'unknown_region'
            when channels.channel_code is null then 'unknown_channel'
        end as reject_reason,
        customers.malformed_detail as reject_detail

    from customers

    left join regions
        on customers.region_code = regions.region_code

    left join channels
        on customers.channel_code = channels.channel_code

),

customers_checked_without_malformed as (

    select {{ star_except(['malformed_reason', 'malformed_detail']) }}
    from customers_checked

)

select * from customers_checked_without_malformed
