{#- The model dim_fans serves is the random-split candidate with the lowest
    validation Brier score as the metrics mart computes it in SQL (the
    Python model chose it on its own computation), and every scored user
    gets it. Returns each violation with its reason. -#}

with

metrics as (

    select * from {{ ref('fct_fan_classifier_metrics') }}

),

fans as (

    select * from {{ ref('dim_fans') }}

),

candidates as (

    select * from metrics

    where
        evaluation = 'random_split'
        and model_name in (
            'random_forest', 'baseline_logistic_engagement_count'
        )

),

served as (

    select * from candidates

    where is_served

),

beaten as (

    {#- A candidate with a lower validation Brier score than the served
        one (beyond rounding). -#}
    select
        candidates.model_name as user_or_model,
        'lower validation Brier than the served model' as violation

    from candidates

    inner join served
        on
            candidates.validation_brier_score
            < served.validation_brier_score - 0.000000000001

),

served_count as (

    {#- Exactly one served model when the classifier is fitted. -#}
    select
        cast(count(served.model_name) as {{ dbt.type_string() }})
            as user_or_model,
        'served models: one expected' as violation

    from (select max(model_status) as model_status from candidates) as status

    left join served
        on true

    where status.model_status = 'fitted'

    {#- Grouped, so that no group (no row) is left when nothing is fitted:
        an aggregate without a group is one row even over no rows. -#}
    group by status.model_status

    having count(served.model_name) != 1

),

other_model_served as (

    select
        cast(fans.user_id as {{ dbt.type_string() }}) as user_or_model,
        'scored with a model that is not the served one' as violation

    from fans

    left join served
        on fans.prediction_model = served.model_name

    where
        fans.prediction_model is not null
        and served.model_name is null

),

violations as (

    select * from beaten

    union all

    select * from served_count

    union all

    select * from other_model_served

)

select * from violations
