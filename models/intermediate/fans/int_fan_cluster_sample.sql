{{ config(materialized='table') }}
{#- A table: several Python models read this sample; it is drawn once. -#}

with

user_features as (

    select * from {{ ref('int_fan_user_features') }}

),

sampled as (

    {#- A bounded, seeded sample of users for the activity clustering. -#}
    select * from user_features

    order by {{ sample_order('user_id') }}

    limit {{ var('fans_cluster_sample_size') }}

)

select * from sampled
