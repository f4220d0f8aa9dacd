{{ config(materialized='table') }}
{#- A table: two Python models read it. -#}
{%- set window_days = var('fans_early_days') + var('fans_label_days') -%}

with

labels as (

    select * from {{ ref('int_fan_user_labels') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

span as (

    {#- One row: how much history the labels have. A user's label is known
        once first engagement + fans_early_days + fans_label_days is at or
        before the as-of date, so with a history shorter than the two
        windows no user has a label, and the classifier's status says so
        (fans/models.py). history_days rounds the time from the first
        engagement to the as-of date up to whole days (a log of a few
        hours is a history of 1 day); null without engagements. -#}
    select
        min(labels.first_engaged_at) as first_engaged_at,
        max(as_of.as_of_at) as as_of_at,
        cast(ceil(
            {{ dbt.datediff(
                'min(labels.first_engaged_at)', 'max(as_of.as_of_at)',
                'second'
            ) }} / cast(86400 as double)
        ) as {{ dbt.type_bigint() }}) as elapsed_days,
        {{ window_days }} as window_days,
        count(labels.user_id) as user_count,
        count(
            case when labels.is_label_observable then labels.user_id end
        ) as labelled_user_count

    from as_of

    left join labels
        on 1 = 1

),

final as (

    select
        first_engaged_at,
        as_of_at,
        case
            when elapsed_days < 1 then 1 else elapsed_days
        end as history_days,
        window_days,
        user_count,
        labelled_user_count

    from span

)

select * from final
