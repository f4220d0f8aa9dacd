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
        seeds). -#}
    select
        customer_id,
        minutes_watched,
        customer_lifetime_value,
        cast(region_code as double) as region_code,
        {% for code in region_codes -%}
            case when region_code = {{ code }} then 1.0 else 0.0 end
                as region_{{ code }},
        {% endfor -%}
        {% for code in channel_codes -%}
            case when channel_code = {{ code }} then 1.0 else 0.0 end
                as channel_{{ code }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from customers

),

standardised as (

    {#- Every feature as a z-score over all clean customers (population
        standard deviation, as scikit-learn's StandardScaler); 0 for a
        constant column. Columns named feature_* are the model's inputs. -#}
    {%- set columns = ['minutes_watched', 'customer_lifetime_value',
        'region_code'] %}
    {%- for code in region_codes %}
        {%- do columns.append('region_' ~ code) %}
    {%- endfor %}
    {%- for code in channel_codes %}
        {%- do columns.append('channel_' ~ code) %}
    {%- endfor %}
    select
        customer_id,
        {% for column in columns -%}
            coalesce(
                {{ safe_divide(
                    column ~ ' - avg(' ~ column ~ ') over ()',
                    'stddev_pop(' ~ column ~ ') over ()'
                ) }},
                0
            ) as feature_{{ column }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from encoded

)

select * from standardised
