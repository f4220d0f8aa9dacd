{%- set median_error = "max(case when metrics.model_name = "
    ~ "'poisson_glm_median' then metrics.mean_absolute_error end)" -%}
{#- One row per fitted model of the ads domain, with what the data can
    support (docs block model_fitness): the audience-cell clusters and the
    conversion GLM per target against the best constant baseline. -#}

with

k_selection as (

    select * from {{ ref('fct_audience_cluster_k_selection') }}

),

metrics as (

    select * from {{ ref('fct_ad_conversion_model_metrics') }}

),

features as (

    select * from {{ ref('int_ads_conversion_features') }}

),

clusters as (

    {{ kmeans_fitness(
        'audience cell clusters', 'KMeans on standardised cell features',
        'k_selection',
    ) }}

),

feature_points as (

    select
        count(*) as row_count,
        count(distinct {{ dbt.concat([
            dbt.safe_cast('age_band', dbt.type_string()), "'|'",
            dbt.safe_cast('gender_code', dbt.type_string()), "'|'",
            dbt.safe_cast('interest_code', dbt.type_string()),
        ]) }}) as distinct_cell_count

    from features

),

glm as (

    select
        {{ model_fitness_columns({
            'model_name': dbt.concat([
                "'conversion prediction: '", 'metrics.target_name',
            ]),
            'fit_method': "'Poisson GLM, out-of-fold'",
            'fit_row_count': 'max(metrics.prediction_count)',
            'distinct_point_count': 'max(feature_points.distinct_cell_count)',
            'chosen': "'poisson_glm_median'",
            'quality_measure':
                "'mean absolute error (model, median forecast)'",
            'quality_value': median_error,
            'baseline_measure':
                "'mean absolute error of the best constant baseline'",
            'baseline_value': 'max(metrics.best_baseline_mean_absolute_error)',
            'fit_status': 'case when ' ~ median_error
                ~ ' < max(metrics.best_baseline_mean_absolute_error)'
                ~ " then 'fitted' else 'no better than a constant' end",
        }) }}

    from metrics

    cross join feature_points

    group by metrics.target_name

),

unioned as (

    select * from clusters

    union all

    select * from glm

)

select * from unioned
