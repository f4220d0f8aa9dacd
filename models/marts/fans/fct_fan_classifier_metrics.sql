with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

test_predictions as (

    {#- Held-out users only, one row per (user, model). -#}
    {% for model, column in [
        ('random_forest', 'forest_probability'),
        ('baseline_logistic_engagement_count', 'baseline_probability'),
        ('baseline_base_rate', 'base_rate_probability'),
    ] -%}
        select
            '{{ model }}' as model_name,
            user_id,
            case when is_engaged_later then 1 else 0 end as actual_label,
            {{ column }} as probability
        from predictions
        where split = 'test'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

ranked as (

    {#- Average ranks of the probabilities (ties share a rank), for ROC AUC
        by the Mann-Whitney formula. -#}
    select
        *,
        rank() over (partition by model_name order by probability asc)
        + (count(*) over (partition by model_name, probability) - 1) / 2.0
            as probability_rank,
        case when probability >= 0.5 then 1 else 0 end as predicted_label

    from test_predictions

),

counts as (

    select
        model_name,
        count(*) as user_count,
        sum(actual_label) as positive_count,
        sum(1 - actual_label) as negative_count,
        sum(predicted_label * actual_label) as true_positives,
        sum(predicted_label * (1 - actual_label)) as false_positives,
        sum((1 - predicted_label) * actual_label) as false_negatives,
        sum(case when predicted_label = actual_label then 1 else 0 end)
            as correct_count,
        sum(case when actual_label = 1 then probability_rank else 0 end)
            as positive_rank_sum

    from ranked

    group by model_name

),

metrics as (

    {#- At threshold 0.5. Precision is null when nothing is predicted
        positive; ROC AUC is null when the test users have one label. -#}
    select
        model_name,
        case when model_name = 'random_forest' then 'model' else 'baseline' end
            as model_role,
        user_count,
        {{ safe_divide('positive_count', 'user_count') }} as base_rate,
        {{ safe_divide('correct_count', 'user_count') }} as accuracy,
        {{ safe_divide('true_positives', 'true_positives + false_positives') }}
            as precision_score,
        {{ safe_divide('true_positives', 'true_positives + false_negatives') }}
            as recall_score,
        {{ safe_divide(
            '2 * true_positives',
            '2 * true_positives + false_positives + false_negatives'
        ) }} as f1_score,
        {{ safe_divide(
            'positive_rank_sum - positive_count * (positive_count + 1) / 2.0',
            'positive_count * negative_count'
        ) }} as roc_auc

    from counts

)

select * from metrics
