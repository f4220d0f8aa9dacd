{{ config(materialized='table') }}
{#- A table: several Python models read this sample; it is drawn once. -#}

with

features as (

    select * from {{ ref('int_ads_conversion_features') }}

),

sampled as (

    {#- A bounded, seeded sample: the order is a hash of the key and the
        project seed, so the same data and seed give the same sample. -#}
    select *

    from features

    order by {{ sample_order('ad_id') }}

    limit {{ var('ads_conversion_sample_size') }}

)

select * from sampled
