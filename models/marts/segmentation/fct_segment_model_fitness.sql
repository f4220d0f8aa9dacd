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
        {{ model_fitness_columns({
            'model_name': "'segments'",
            'fit_method':
                "'Ward picks k, KMeans on standardised customer features'",
            'fit_row_count': 'model_fit.fit_row_count',
            'choices_tried': dbt.concat([
                dbt.safe_cast('scored.k_min', dbt.type_string()), "'-'",
                dbt.safe_cast('scored.k_max', dbt.type_string()),
            ]),
            'chosen': 'scored.chosen_k',
            'is_chosen_at_edge': 'scored.chosen_k in (scored.k_min,'
                ~ ' scored.k_max) and scored.k_min < scored.k_max',
            'quality_measure': "'KMeans silhouette at the chosen k'",
            'quality_value': 'scored.chosen_silhouette',
            'baseline_measure':
                "'var cluster_min_silhouette (no clear clusters under it)'",
            'baseline_value': var('cluster_min_silhouette'),
            'fit_status': "case when model_fit.parameter_source like"
                ~ " 'frozen:%' then 'frozen parameters'"
                ~ ' else scored.fit_status end',
            'fit_note': 'model_fit.selection_rule',
        }) }}

    from model_fit

    cross join scored

)

select * from segments
