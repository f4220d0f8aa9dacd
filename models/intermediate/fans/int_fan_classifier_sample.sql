{{ config(materialized='table') }}
{#- A table: several Python models read this sample; it is drawn once. -#}

with

early_features as (

    select * from {{ ref('int_fan_user_early_features') }}

),

labels as (

    select * from {{ ref('int_fan_user_labels') }}

),

classifier_users as (

    select * from {{ ref('int_fan_classifier_users') }}

),

sampled as (

    {#- A bounded, seeded sample of labelled users for the classifier
        (chosen in int_fan_classifier_users). -#}
    select
        early_features.*,
        labels.label_window_ends_at,
        labels.is_engaged_later

    from early_features

    inner join labels
        on early_features.user_id = labels.user_id

    inner join classifier_users
        on early_features.user_id = classifier_users.user_id

    where classifier_users.is_in_sample

)

select * from sampled
