with

predictions as (

    select * from {{ ref('int_ads_conversion_cv_predictions') }}

),

predictions_per_ad as (

    {#- One row per ad and target, the models side by side. Every prediction
        is out of fold: made by a model that never saw that ad. -#}
    select
        ad_id,
        target_name,
        fold_number,
        actual_value,
        max(
            case
                when model_name = 'poisson_glm_median' then predicted_value
            end
        ) as predicted_value,
        max(
            case
                when model_name = 'poisson_glm_expected' then predicted_value
            end
        ) as expected_value,
        max(
            case
                when model_name = 'baseline_training_mean' then predicted_value
            end
        ) as baseline_mean_value,
        max(
            case
                when model_name = 'baseline_training_median'
                    then predicted_value
            end
        ) as baseline_median_value

    from predictions

    group by ad_id, target_name, fold_number, actual_value

),

final as (

    select
        *,
        {{ cv_evaluation_part('fold_number') }} as evaluation_part,
        abs(predicted_value - actual_value) as absolute_error

    from predictions_per_ad

)

select * from final
