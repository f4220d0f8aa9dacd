{#- The elbow picture's data: inertia and silhouette per k, the chosen k
    flagged, and what the data can support (core select_k). -#}

with

k_selection as (

    select * from {{ ref('int_fan_activity_k_selection') }}

),

published as (

    {{ publish_k_selection('k_selection') }}

)

select * from published
