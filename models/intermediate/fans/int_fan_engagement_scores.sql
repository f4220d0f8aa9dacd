with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

early_features as (

    select * from {{ ref('int_fan_user_early_features') }}

),

joined as (

    {#- Every user: the classifier's users with their predictions, the
        others (their label is already known) with none. is_scored: a
        fitted model and a complete early window, the one condition under
        which a probability is published. -#}
    select
        early_features.user_id,
        early_features.is_early_window_complete,
        predictions.user_id is not null as is_classified,
        predictions.split,
        predictions.is_engaged_later,
        predictions.model_status,
        predictions.served_model,
        predictions.forest_probability,
        predictions.baseline_probability,
        predictions.base_rate_probability,
        predictions.forest_threshold,
        predictions.baseline_threshold,
        coalesce(
            predictions.model_status = 'fitted'
            and early_features.is_early_window_complete,
            false
        ) as is_scored

    from early_features

    left join predictions
        on early_features.user_id = predictions.user_id

),

scores as (

    {#- What is published per user: probabilities only when scored;
        otherwise null, with the reason. -#}
    select
        user_id,
        coalesce(split, 'unlabelled') as split,
        is_engaged_later,
        is_early_window_complete,
        {#- The user's own reason first: a user whose early window is not
            complete would not be scored by any model, so that is said
            first, with the model's reason after it when none was fitted
            (on a one-day log: every user, and the short history). -#}
        case
            when not is_classified
                then 'label known: not scored'
            when not is_early_window_complete and model_status != 'fitted'
                then {{ dbt.concat([
                    "'early window not complete; no model: '",
                    'model_status',
                ]) }}
            when not is_early_window_complete
                then 'early window not complete'
            when model_status != 'fitted'
                then model_status
            else 'scored'
        end as prediction_status,
        case when is_scored then forest_probability end as forest_probability,
        case
            when is_scored then baseline_probability
        end as baseline_probability,
        case
            when is_scored then base_rate_probability
        end as base_rate_probability,
        {#- The served model (chosen on the validation users by the Brier
            score, int_fan_classifier_predictions): its probability, and
            the prediction at its own decision threshold. -#}
        case when is_scored then served_model end as prediction_model,
        case
            when not is_scored
                then null
            when served_model = 'random_forest'
                then forest_probability
            when served_model = 'baseline_logistic_engagement_count'
                then baseline_probability
        end as engaged_later_probability,
        case
            when not is_scored
                then null
            when served_model = 'random_forest'
                then forest_probability >= forest_threshold
            when served_model = 'baseline_logistic_engagement_count'
                then baseline_probability >= baseline_threshold
        end as is_predicted_engaged

    from joined

)

select * from scores
