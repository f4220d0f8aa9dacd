{#- One row per fitted model of the fans domain, with what the data can
    support (docs block model_fitness): the activity levels, and the
    early-activity classifier (random split): the model served, chosen on
    the validation users, against its one-feature baseline on the test
    users. -#}

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

    {#- The served model (the forest or the logistic baseline, whichever
        has the lower Brier score on the validation users) and its Brier
        score on the test users, beside the logistic baseline's. -#}
    select
        {{ model_fitness_columns({
            'model_name': "'early-activity classifier'",
            'fit_method':
                "'forest or logistic baseline: lower Brier on validation users'",
            'fit_row_count': "max(case when model_role = 'model'"
                ~ ' then user_count + validation_user_count end)',
            'choices_tried':
                "'random_forest, baseline_logistic_engagement_count'",
            'chosen': 'max(case when is_served then model_name end)',
            'quality_measure':
                "'Brier score of the served model on the test users'",
            'quality_value': 'max(case when is_served then brier_score end)',
            'baseline_measure':
                "'Brier score of the logistic baseline on engagement count'",
            'baseline_value': "max(case when model_name ="
                ~ " 'baseline_logistic_engagement_count' then brier_score end)",
            'fit_status': 'max(model_status)',
            'fit_note': 'max(served_reason)',
        }) }}

    from random_split

),

unioned as (

    select * from activity_levels

    union all

    select * from classifier

)

select * from unioned
