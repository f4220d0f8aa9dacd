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
        cast('early-activity classifier' as {{ dbt.type_string() }})
            as model_name,
        cast(
            'forest or logistic baseline: lower Brier on validation users'
            as {{ dbt.type_string() }}
        ) as fit_method,
        cast(
            max(
                case
                    when model_role = 'model'
                        then user_count + validation_user_count
                end
            )
            as {{ dbt.type_bigint() }}
        ) as fit_row_count,
        cast(null as {{ dbt.type_bigint() }}) as distinct_point_count,
        cast(null as double) as top_point_share,
        cast(
            'random_forest, baseline_logistic_engagement_count'
            as {{ dbt.type_string() }}
        ) as choices_tried,
        max(case when is_served then model_name end) as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast(
            'Brier score of the served model on the test users'
            as {{ dbt.type_string() }}
        ) as quality_measure,
        max(case when is_served then brier_score end) as quality_value,
        cast(
            'Brier score of the logistic baseline on engagement count'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        max(
            case
                when model_name = 'baseline_logistic_engagement_count'
                    then brier_score
            end
        ) as baseline_value,
        max(model_status) as fit_status,
        max(served_reason) as fit_note

    from random_split

),

unioned as (

    select * from activity_levels

    union all

    select * from classifier

)

select * from unioned
