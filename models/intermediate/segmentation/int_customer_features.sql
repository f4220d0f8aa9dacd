{{ config(materialized='table') }}
{%- set region_codes = seed_column_values(
    'segmentation_regions', 'region_code'
) -%}
{%- set channel_codes = seed_column_values(
    'segmentation_channels', 'channel_code'
) -%}

with

customers as (

    select * from {{ ref('int_customers_cleaned') }}

),

encoded as (

    {#- The published recipe: minutes, CLV and the region code as numbers,
        plus one indicator per region and per channel (codes from the
        seeds). Unscaled: the scaler is fitted on the model sample and kept
        with the centroids (int_customer_segment_centroids), so a new
        customer never moves another's coordinates. The model's inputs are
        the columns listed in var segmentation_features. -#}
    select
        customer_id,
        cast(minutes_watched as double) as feature_minutes_watched,
        cast(customer_lifetime_value as double)
            as feature_customer_lifetime_value,
        cast(region_code as double) as feature_region_code,
        {% for code in region_codes -%}
            case when region_code = {{ code }} then 1.0 else 0.0 end
                as feature_region_{{ code }},
        {% endfor -%}
        {% for code in channel_codes -%}
            case when channel_code = {{ code }} then 1.0 else 0.0 end
                as feature_channel_{{ code }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from customers

)

select * from encoded
