{#- Every method's out-of-fold errors on two held-out parts (docs block
    ads_served_method): the served method per target is the lowest MAE on
    the validation part, ties to the simpler method; the test part only
    reports. -#}

with

predictions as (

    select * from {{ ref('int_ads_conversion_cv_predictions') }}

),

predictions_in_parts as (

    select
        target_name,
        model_name,
        actual_value,
        predicted_value,
        {{ cv_evaluation_part('fold_number') }} as evaluation_part

    from predictions

),

actual_means as (

    select
        target_name,
        model_name,
        evaluation_part,
        {{ exact_avg('actual_value') }} as mean_actual_value

    from predictions_in_parts

    group by target_name, model_name, evaluation_part

),

prediction_errors as (

    select
        predictions_in_parts.target_name,
        predictions_in_parts.model_name,
        predictions_in_parts.evaluation_part,
        predictions_in_parts.predicted_value
        - predictions_in_parts.actual_value as error,
        predictions_in_parts.actual_value
        - actual_means.mean_actual_value as deviation

    from predictions_in_parts

    inner join actual_means
        on
            predictions_in_parts.target_name = actual_means.target_name
            and predictions_in_parts.model_name = actual_means.model_name
            and predictions_in_parts.evaluation_part
            = actual_means.evaluation_part

),

part_metrics as (

    {#- Per part: MAE, RMSE, and R-squared as 1 - SSE / SST (null when the
        actuals are constant). -#}
    select
        target_name,
        model_name,
        evaluation_part,
        count(*) as prediction_count,
        {{ exact_avg('abs(error)') }} as mean_absolute_error,
        sqrt({{ exact_avg('error * error') }}) as root_mean_squared_error,
        1
        - {{ safe_divide(
            exact_sum('error * error'), exact_sum('deviation * deviation')
        ) }}
            as r_squared

    from prediction_errors

    group by target_name, model_name, evaluation_part

),

metrics_per_method as (

    {#- Simplest first, the order that breaks a tie of validation MAE. -#}
    select
        target_name,
        model_name,
        case
            when model_name like 'baseline%' then 'baseline'
            else 'model'
        end as model_role,
        case model_name
            when 'baseline_training_median' then 1
            when 'baseline_training_mean' then 2
            when 'poisson_glm_median' then 3
            when 'poisson_glm_expected' then 4
        end as simplicity_rank,
        {% for part in ['validation', 'test'] -%}
            max(
                case
                    when evaluation_part = '{{ part }}' then prediction_count
                end
            ) as {{ part }}_prediction_count,
            max(
                case
                    when evaluation_part = '{{ part }}'
                        then mean_absolute_error
                end
            ) as {{ part }}_mean_absolute_error,
        {% endfor -%}
        max(
            case
                when evaluation_part = 'test' then root_mean_squared_error
            end
        ) as test_root_mean_squared_error,
        max(
            case when evaluation_part = 'test' then r_squared end
        ) as test_r_squared

    from part_metrics

    group by target_name, model_name

),

methods_compared as (

    select
        *,
        row_number() over (
            partition by target_name
            order by
                case
                    when validation_mean_absolute_error is null then 1
                    else 0
                end,
                validation_mean_absolute_error,
                simplicity_rank
        ) as validation_rank,
        min(
            case
                when model_role = 'baseline'
                    then validation_mean_absolute_error
            end
        ) over (
            partition by target_name
        ) as best_baseline_validation_mean_absolute_error,
        min(
            case
                when model_role = 'model' then validation_mean_absolute_error
            end
        ) over (partition by target_name) as best_model_validation_error,
        min(
            case
                when model_role = 'baseline' then test_mean_absolute_error
            end
        ) over (
            partition by target_name
        ) as best_baseline_test_mean_absolute_error

    from metrics_per_method

),

served_methods as (

    select
        target_name,
        model_name as served_model_name,
        model_role as served_model_role,
        coalesce(
            cast(
                round(validation_mean_absolute_error, 3)
                as {{ dbt.type_string() }}
            ),
            'none'
        ) as served_error_text,
        coalesce(
            cast(
                round(best_baseline_validation_mean_absolute_error, 3)
                as {{ dbt.type_string() }}
            ),
            'none'
        ) as baseline_error_text,
        coalesce(
            cast(
                round(best_model_validation_error, 3)
                as {{ dbt.type_string() }}
            ),
            'none'
        ) as model_error_text,
        validation_mean_absolute_error = best_model_validation_error
            as is_tied_with_model

    from methods_compared

    where validation_rank = 1

),

served_reasons as (

    select
        target_name,
        served_model_name,
        case
            when served_model_role = 'model'
                then
                    served_model_name
                    || ' served: the lowest MAE on the validation part ('
                    || served_error_text || ', the best constant '
                    || baseline_error_text || ')'
            when is_tied_with_model
                then
                    served_model_name
                    || ' served: the GLM does no better than a constant on'
                    || ' the validation part (MAE ' || served_error_text
                    || ' each) and the constant is simpler'
            else
                served_model_name
                || ' served: the GLM loses to a constant on the validation'
                || ' part (MAE ' || served_error_text
                || ', the best GLM forecast ' || model_error_text || ')'
        end as served_reason

    from served_methods

),

final as (

    select
        methods_compared.target_name,
        methods_compared.model_name,
        methods_compared.model_role,
        methods_compared.simplicity_rank,
        methods_compared.validation_prediction_count,
        methods_compared.validation_mean_absolute_error,
        methods_compared.test_prediction_count,
        methods_compared.test_mean_absolute_error,
        methods_compared.test_root_mean_squared_error,
        methods_compared.test_r_squared,
        methods_compared.best_baseline_test_mean_absolute_error,
        methods_compared.test_mean_absolute_error
        < methods_compared.best_baseline_test_mean_absolute_error
            as beats_best_baseline_test_mae,
        methods_compared.model_name = served_reasons.served_model_name
            as is_served,
        served_reasons.served_reason

    from methods_compared

    inner join served_reasons
        on methods_compared.target_name = served_reasons.target_name

)

select * from final
