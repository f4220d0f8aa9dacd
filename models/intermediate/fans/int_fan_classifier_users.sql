{{ config(materialized='table') }}
{%- set sample_size = var('fans_classifier_sample_size') -%}

with

labels as (

    select * from {{ ref('int_fan_user_labels') }}

),

ranked as (

    {#- The seeded order of int_fan_classifier_sample, among labelled
        users. -#}
    select
        user_id,
        is_label_observable,
        is_label_observable and row_number() over (
            partition by is_label_observable
            order by {{ sample_order('user_id') }}
        ) <= {{ sample_size }} as is_in_sample

    from labels

),

classifier_users as (

    {#- Who the classifier is about: the labelled users it is fitted and
        tested on (the seeded sample), and the users whose label is not
        known yet (whom a prediction serves). Network features and scores
        are computed for these users only; for everyone else the label is
        already known. -#}
    select
        user_id,
        is_label_observable,
        is_in_sample,
        is_in_sample or not is_label_observable as is_in_scope

    from ranked

)

select * from classifier_users
