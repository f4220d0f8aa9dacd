{%- set forced_k = var('segmentation_k') -%}
{%- set k_min = var('segmentation_k_min') -%}
{%- set k_max = var('segmentation_k_max') -%}

with

ward_merges as (

    select * from {{ ref('int_customer_ward_merges') }}

),

kmeans_scores as (

    select * from {{ ref('int_customer_kmeans_scores') }}

),

merge_heights as (

    select
        merge_id,
        merge_height,
        merge_height - lag(merge_height) over (order by merge_id)
            as merge_height_jump,
        count(*) over () as merge_count

    from ward_merges

),

ward_by_k as (

    {#- With n rows there are n - 1 merges; merge n - k + 1 takes k clusters
        to k - 1. Its jump over the merge before it measures how distinct
        the k clusters are. -#}
    select
        merge_count - merge_id + 2 as k,
        merge_height,
        merge_height_jump

    from merge_heights

    where
        merge_count - merge_id + 2 between {{ k_min }} and {{ k_max }}
    {% if forced_k is not none %}
            or merge_count - merge_id + 2 = {{ forced_k }}
        {% endif %}

),

ranked as (

    select
        ward_by_k.*,
        cast(row_number() over (
            order by
                case
                    when ward_by_k.k between {{ k_min }} and {{ k_max }}
                        then ward_by_k.merge_height_jump
                end desc nulls last,
                ward_by_k.k
        ) as {{ dbt.type_bigint() }}) as jump_rank

    from ward_by_k

),

k_selection as (

    select
        ranked.k,
        ranked.merge_height as ward_merge_height,
        ranked.merge_height_jump as ward_merge_height_jump,
        ranked.jump_rank as ward_jump_rank,
        kmeans_scores.inertia as kmeans_inertia,
        kmeans_scores.silhouette as kmeans_silhouette,
        {% if forced_k is not none -%}
            ranked.k = {{ forced_k }} as is_chosen,
            'forced' as selection_rule
        {%- else -%}
            ranked.jump_rank = 1 as is_chosen,
            'largest Ward merge-height jump' as selection_rule
        {%- endif %}

    from ranked

    left join kmeans_scores
        on ranked.k = kmeans_scores.k

)

select * from k_selection
