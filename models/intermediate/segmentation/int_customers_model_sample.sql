{{ config(materialized='table') }}
{#- A table: several Python models read this sample; it is drawn once. -#}

with

features as (

    select * from {{ ref('int_customer_features') }}

),

ranked as (

    {#- sample_rank: a seeded hash order, so the same data and seed give the
        same sample; the models take the first N ranks they can afford. -#}
    select
        *,
        cast(row_number() over (
            order by {{ sample_order('customer_id') }}
        ) as {{ dbt.type_bigint() }}) as sample_rank

    from features

),

sampled as (

    select * from ranked

    where sample_rank <= {{ var('segmentation_sample_size') }}

)

select * from sampled
