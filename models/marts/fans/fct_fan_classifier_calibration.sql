{%- set bins = 10 -%}

with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

test_predictions as (

    {#- Held-out users only, one row per (user, model). -#}
    {% for model, column in [
        ('random_forest', 'forest_probability'),
        ('baseline_logistic_engagement_count', 'baseline_probability'),
    ] -%}
        select
            '{{ model }}' as model_name,
            {{ column }} as probability,
            case when is_engaged_later then 1 else 0 end as actual_label
        from predictions
        where split = 'test' and {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

binned as (

    {#- {{ bins }} equal-width bins of the predicted probability; 1.0 falls
        in the top bin. -#}
    select
        *,
        least(
            cast(floor(probability * {{ bins }}) as {{ dbt.type_int() }}),
            {{ bins - 1 }}
        ) as bin_index

    from test_predictions

),

calibration as (

    {#- A calibrated model's mean predicted probability equals the observed
        rate in every bin (the reliability diagram's diagonal). -#}
    select
        model_name,
        bin_index,
        bin_index / cast({{ bins }} as double) as bin_lower,
        (bin_index + 1) / cast({{ bins }} as double) as bin_upper,
        count(*) as user_count,
        {{ exact_avg('probability') }} as mean_predicted_probability,
        {{ exact_avg('actual_label') }} as observed_rate

    from binned

    group by model_name, bin_index

)

select * from calibration
