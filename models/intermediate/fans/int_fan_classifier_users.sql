{{ config(materialized='table') }}
{%- set sample_size = var('fans_classifier_sample_size') -%}

with

labels as (

    select * from {{ ref('int_fan_user_labels') }}

),

sample as (

    {#- The seeded order of int_fan_classifier_sample, among labelled
        users: the first fans_classifier_sample_size. A top-N, not a
        row_number window over every user: DuckDB keeps only N rows for it,
        where a window without partitions holds every user at once (out of
        memory at 10,000,000 users under a 1 GB limit). -#}
    select user_id

    from labels

    where is_label_observable

    order by {{ sample_order('user_id') }}

    limit {{ sample_size }}

),

classifier_users as (

    {#- Who the classifier is about: the labelled users it is fitted and
        tested on (the seeded sample), and the users whose label is not
        known yet (whom a prediction serves). Network features and scores
        are computed for these users only; for everyone else the label is
        already known. -#}
    select
        labels.user_id,
        labels.is_label_observable,
        sample.user_id is not null as is_in_sample,
        sample.user_id is not null
        or not labels.is_label_observable as is_in_scope

    from labels

    left join sample
        on labels.user_id = sample.user_id

)

select * from classifier_users
