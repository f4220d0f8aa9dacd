{%- set served = 'max(case when metrics.is_served then ' -%}
{%- set methods = 'baseline_training_median, baseline_training_mean,'
    ~ ' poisson_glm_median, poisson_glm_expected' -%}
{#- One row per fitted model of the ads domain, with what the data can
    support (docs block model_fitness): the audience-cell clusters and the
    conversion GLM per target: the method served (chosen on the validation
    part) and its test MAE beside the best constant's. -#}

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
            'fit_method': "'Poisson GLM against constants, out-of-fold'",
            'fit_row_count': 'max(metrics.validation_prediction_count)'
                ~ ' + max(metrics.test_prediction_count)',
            'distinct_point_count': 'max(feature_points.distinct_cell_count)',
            'choices_tried': "'" ~ methods ~ "'",
            'chosen': served ~ 'metrics.model_name end)',
            'quality_measure':
                "'mean absolute error on the test part (served method)'",
            'quality_value': served ~ 'metrics.test_mean_absolute_error end)',
            'baseline_measure':
                "'mean absolute error on the test part (best constant)'",
            'baseline_value':
                'max(metrics.best_baseline_test_mean_absolute_error)',
            'fit_status': 'case when max(case when metrics.is_served'
                ~ " and metrics.model_role = 'model' then 1 else 0 end) = 1"
                ~ " then 'fitted' else 'no better than a constant' end",
            'fit_note': served ~ 'metrics.served_reason end)',
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
