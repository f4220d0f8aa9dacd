{#- One row per fitted model of the segmentation domain, with what the data
    can support (docs block model_fitness): the segments (k by the largest
    Ward merge-height jump, then KMeans), judged by the KMeans silhouette
    (over distinct points) at the chosen k, with the same rule as every
    clustering (int_customer_segment_k_selection). -#}

with

k_selection as (

    select * from {{ ref('fct_segment_k_selection') }}

),

model_fit as (

    select * from {{ ref('fct_segment_model_fit') }}

),

scored as (

    select
        min(k) as k_min,
        max(k) as k_max,
        max(case when is_chosen then k end) as chosen_k,
        max(case when is_chosen then kmeans_silhouette end)
            as chosen_silhouette,
        max(fit_status) as fit_status

    from k_selection

),

segments as (

    select
        cast('segments' as {{ dbt.type_string() }}) as model_name,
        cast(
            'Ward picks k, KMeans on standardised customer features'
            as {{ dbt.type_string() }}
        ) as fit_method,
        cast(model_fit.fit_row_count as {{ dbt.type_bigint() }})
            as fit_row_count,
        cast(null as {{ dbt.type_bigint() }}) as distinct_point_count,
        cast(null as double) as top_point_share,
        {{ dbt.concat([
            dbt.safe_cast('scored.k_min', dbt.type_string()), "'-'",
            dbt.safe_cast('scored.k_max', dbt.type_string()),
        ]) }} as choices_tried,
        {{ dbt.safe_cast('scored.chosen_k', dbt.type_string()) }} as chosen,
        scored.chosen_k in (scored.k_min, scored.k_max)
        and scored.k_min < scored.k_max as is_chosen_at_edge,
        cast('KMeans silhouette at the chosen k' as {{ dbt.type_string() }})
            as quality_measure,
        scored.chosen_silhouette as quality_value,
        cast(
            'var cluster_min_silhouette (no clear clusters under it)'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        cast({{ var('cluster_min_silhouette') }} as double) as baseline_value,
        case
            when model_fit.parameter_source like 'frozen:%'
                then 'frozen parameters'
            else scored.fit_status
        end as fit_status,
        model_fit.selection_rule as fit_note

    from model_fit

    cross join scored

)

select * from segments
