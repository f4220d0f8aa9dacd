with

predictions as (

    select * from {{ ref('int_ads_conversion_cv_predictions') }}

),

actual_means as (

    select
        target_name,
        model_name,
        {{ exact_avg('actual_value') }} as mean_actual_value

    from predictions

    group by target_name, model_name

),

prediction_errors as (

    select
        predictions.target_name,
        predictions.model_name,
        predictions.predicted_value - predictions.actual_value as error,
        predictions.actual_value - actual_means.mean_actual_value as deviation

    from predictions

    inner join actual_means
        on
            predictions.target_name = actual_means.target_name
            and predictions.model_name = actual_means.model_name

),

metrics as (

    {#- Pooled over all out-of-fold predictions: MAE, RMSE, and R-squared as
        1 - SSE / SST (null when the actuals are constant). -#}
    select
        target_name,
        model_name,
        count(*) as prediction_count,
        {{ exact_avg('abs(error)') }} as mean_absolute_error,
        sqrt({{ exact_avg('error * error') }}) as root_mean_squared_error,
        1
        - {{ safe_divide(
            exact_sum('error * error'), exact_sum('deviation * deviation')
        ) }}
            as r_squared

    from prediction_errors

    group by target_name, model_name

),

metrics_compared as (

    select
        target_name,
        model_name,
        case
            when model_name like 'baseline%' then 'baseline'
            else 'model'
        end as model_role,
        prediction_count,
        mean_absolute_error,
        root_mean_squared_error,
        r_squared,
        min(
            case
                when model_name like 'baseline%' then mean_absolute_error
            end
        ) over (partition by target_name) as best_baseline_mean_absolute_error

    from metrics

),

final as (

    select
        *,
        mean_absolute_error < best_baseline_mean_absolute_error
            as beats_best_baseline_mae

    from metrics_compared

)

select * from final
