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
        early_features.user_id,
        coalesce(predictions.split, 'unlabelled') as split,
        predictions.is_engaged_later,
        early_features.is_early_window_complete,
        {#- The user's own reason first: a user whose early window is not
            complete would not be scored by any model, so that is said
            first, with the model's reason after it when none was fitted
            (on a one-day log: every user, and the short history). -#}
        case
            when predictions.user_id is null
                then 'label known: not scored'
            when
                not early_features.is_early_window_complete
                and predictions.model_status != 'fitted'
                then {{ dbt.concat([
                    "'early window not complete; no model: '",
                    'predictions.model_status',
                ]) }}
            when not early_features.is_early_window_complete
                then 'early window not complete'
            when predictions.model_status != 'fitted'
                then predictions.model_status
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
        {#- The served model (chosen on the validation users by the Brier
            score, int_fan_classifier_predictions): its probability, and
            the prediction at its own decision threshold. -#}
        case
            when
                predictions.model_status = 'fitted'
                and early_features.is_early_window_complete
                then predictions.served_model
        end as prediction_model,
        case
            when
                predictions.model_status != 'fitted'
                or not early_features.is_early_window_complete
                then null
            when predictions.served_model = 'random_forest'
                then predictions.forest_probability
            when
                predictions.served_model
                = 'baseline_logistic_engagement_count'
                then predictions.baseline_probability
        end as engaged_later_probability,
        case
            when
                predictions.model_status != 'fitted'
                or not early_features.is_early_window_complete
                then null
            when predictions.served_model = 'random_forest'
                then
                    predictions.forest_probability
                    >= predictions.forest_threshold
            when
                predictions.served_model
                = 'baseline_logistic_engagement_count'
                then
                    predictions.baseline_probability
                    >= predictions.baseline_threshold
        end as is_predicted_engaged

    {# Every user: the classifier's users with their scores, the others
        (their label is already known) with the status saying so. #}
    from early_features

    left join predictions
        on early_features.user_id = predictions.user_id

)

select * from scores
