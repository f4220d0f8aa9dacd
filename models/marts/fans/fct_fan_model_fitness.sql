{%- set forest_f1 =
    "max(case when model_name = 'random_forest' then f1_score end)" -%}
{%- set baseline_f1 = "max(case when model_name = "
    ~ "'baseline_logistic_engagement_count' then f1_score end)" -%}
{#- One row per fitted model of the fans domain, with what the data can
    support (docs block model_fitness): the activity levels, and the
    early-activity classifier (random split) against its one-feature
    baseline. -#}

with

k_selection as (

    select * from {{ ref('fct_fan_activity_k_selection') }}

),

metrics as (

    select * from {{ ref('fct_fan_classifier_metrics') }}

),

activity_levels as (

    {{ kmeans_fitness(
        'activity levels', 'KMeans on standardised activity features',
        'k_selection',
    ) }}

),

random_split as (

    select * from metrics

    where evaluation = 'random_split'

),

classifier as (

    select
        {{ model_fitness_columns({
            'model_name': "'early-activity classifier'",
            'fit_method': "'random forest on early features, held-out users'",
            'fit_row_count':
                "max(case when model_role = 'model' then user_count end)",
            'chosen': "'random_forest'",
            'quality_measure': "'F1 on held-out users'",
            'quality_value': forest_f1,
            'baseline_measure':
                "'F1 of the logistic baseline on engagement count'",
            'baseline_value': baseline_f1,
            'fit_status': 'max(model_status)',
            'fit_note': 'case when ' ~ forest_f1 ~ ' <= ' ~ baseline_f1
                ~ " then 'the one-feature baseline does as well or better"
                ~ " (F1)' end",
        }) }}

    from random_split

),

unioned as (

    select * from activity_levels

    union all

    select * from classifier

)

select * from unioned
