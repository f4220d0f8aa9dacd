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

    {#- A k whose KMeans fit leaves a segment under var cluster_min_size
        customers is not chosen (ranked last): no segment that small is
        named. -#}
    select
        ward_by_k.*,
        kmeans_scores.smallest_cluster_size,
        cast(row_number() over (
            order by
                case
                    when
                        ward_by_k.k between {{ k_min }} and {{ k_max }}
                        and coalesce(kmeans_scores.smallest_cluster_size, 0)
                        >= {{ var('cluster_min_size') }}
                        then ward_by_k.merge_height_jump
                end desc nulls last,
                ward_by_k.k
        ) as {{ dbt.type_bigint() }}) as jump_rank

    from ward_by_k

    left join kmeans_scores
        on ward_by_k.k = kmeans_scores.k

),

k_selection as (

    select
        ranked.k,
        ranked.merge_height as ward_merge_height,
        ranked.merge_height_jump as ward_merge_height_jump,
        ranked.jump_rank as ward_jump_rank,
        kmeans_scores.inertia as kmeans_inertia,
        kmeans_scores.silhouette as kmeans_silhouette,
        ranked.smallest_cluster_size as kmeans_smallest_cluster_size,
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

),

judged as (

    {#- The rule every clustering follows (core select_k): no clear
        segments when the chosen k's silhouette (over distinct points) is
        under var cluster_min_silhouette, or every k scores within var
        cluster_flat_silhouette_spread of the others. -#}
    select
        *,
        case
            when selection_rule = 'forced' then 'forced k'
            when
                max(case when is_chosen then kmeans_silhouette end) over ()
                < {{ var('cluster_min_silhouette') }}
                or (
                    count(kmeans_silhouette) over () >= 3
                    and max(kmeans_silhouette) over ()
                    - min(kmeans_silhouette) over ()
                    < {{ var('cluster_flat_silhouette_spread') }}
                )
                then 'no clear clusters'
            else 'fitted'
        end as fit_status

    from k_selection

)

select * from judged
