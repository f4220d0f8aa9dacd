with

k_selection as (

    select * from {{ ref('int_customer_segment_k_selection') }}

),

published as (

    select
        k,
        ward_merge_height,
        ward_merge_height_jump,
        ward_jump_rank,
        kmeans_inertia,
        kmeans_silhouette,
        kmeans_smallest_cluster_size,
        is_chosen,
        selection_rule,
        fit_status

    from k_selection

)

select * from published
