with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

early_features as (

    select * from {{ ref('int_fan_user_early_features') }}

),

scores as (

    {#- What is published per user: probabilities only for a fitted model
        and a complete early window; otherwise null, with the reason. -#}
    select
        predictions.user_id,
        predictions.split,
        predictions.is_engaged_later,
        early_features.is_early_window_complete,
        case
            when predictions.model_status != 'fitted'
                then predictions.model_status
            when not early_features.is_early_window_complete
                then 'early window not complete'
            else 'scored'
        end as prediction_status,
        case
            when
                predictions.model_status = 'fitted'
                and early_features.is_early_window_complete
                then predictions.forest_probability
        end as forest_probability,
        case
            when
                predictions.model_status = 'fitted'
                and early_features.is_early_window_complete
                then predictions.baseline_probability
        end as baseline_probability,
        case
            when
                predictions.model_status = 'fitted'
                and early_features.is_early_window_complete
                then predictions.base_rate_probability
        end as base_rate_probability,
        case
            when
                predictions.model_status = 'fitted'
                and early_features.is_early_window_complete
                then
                    predictions.forest_probability
                    >= predictions.forest_threshold
        end as is_predicted_engaged

    from predictions

    inner join early_features
        on predictions.user_id = early_features.user_id

)

select * from scores
