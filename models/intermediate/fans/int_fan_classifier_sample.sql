{{ config(materialized='table') }}
{#- A table: several Python models read this sample; it is drawn once. -#}

with

early_features as (

    select * from {{ ref('int_fan_user_early_features') }}

),

labels as (

    select * from {{ ref('int_fan_user_labels') }}

),

labelled as (

    select
        early_features.*,
        labels.label_window_ends_at,
        labels.is_engaged_later

    from early_features

    inner join labels
        on early_features.user_id = labels.user_id

    where labels.is_label_observable

),

sampled as (

    {#- A bounded, seeded sample of labelled users for the classifier. -#}
    select * from labelled

    order by {{ sample_order('user_id') }}

    limit {{ var('fans_classifier_sample_size') }}

)

select * from sampled
