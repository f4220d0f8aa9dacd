{#- The elbow picture: inertia and silhouette per k, the chosen k flagged. -#}

with

k_selection as (

    select * from {{ ref('int_interest_cluster_k_selection') }}

),

final as (

    select
        cast(k as bigint) as k,
        inertia,
        silhouette,
        is_chosen,
        selection_rule,
        note

    from k_selection

)

select * from final
