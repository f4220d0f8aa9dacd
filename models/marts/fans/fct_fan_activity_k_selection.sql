with

k_selection as (

    select * from {{ ref('int_fan_activity_k_selection') }}

),

published as (

    select
        cast(k as bigint) as k,
        cast(inertia as double) as inertia,
        cast(silhouette as double) as silhouette,
        cast(is_chosen as boolean) as is_chosen,
        cast(selection_rule as varchar) as selection_rule,
        cast(note as varchar) as note

    from k_selection

)

select * from published
