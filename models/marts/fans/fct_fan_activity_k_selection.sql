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
        cast(selection_rule as {{ dbt.type_string() }}) as selection_rule,
        cast(note as {{ dbt.type_string() }}) as note

    from k_selection

)

select * from published
