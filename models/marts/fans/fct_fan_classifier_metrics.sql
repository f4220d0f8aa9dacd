{%- set models = [
    ('random_forest', 'forest_probability', 'forest_threshold'),
    ('baseline_logistic_engagement_count', 'baseline_probability',
        'baseline_threshold'),
    ('baseline_base_rate', 'base_rate_probability', 'base_rate_threshold'),
] -%}
{#- (evaluation, column prefix, status column): the random split by user,
    and the out-of-time split by arrival date. -#}
{%- set evaluations = [
    ('random_split', '', 'model_status'),
    ('out_of_time', 'oot_', 'oot_status'),
] -%}
{#- (evaluation, model, probability column, threshold column, status
    column): every model in both evaluations, and the ablation (the forest
    without the network features, same split) in the random split. -#}
{%- set rows = [] -%}
{%- for evaluation, prefix, status_column in evaluations -%}
    {%- for model, column, threshold in models -%}
        {%- do rows.append((evaluation, model, prefix ~ column,
            prefix ~ threshold, status_column, prefix)) -%}
    {%- endfor -%}
{%- endfor -%}
{%- do rows.append(('random_split', 'random_forest_without_network',
    'forest_without_network_probability', 'forest_without_network_threshold',
    'model_status', '')) -%}

with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

status as (

    {#- One status per evaluation: fitted, or why nothing was fitted. -#}
    select
        coalesce(min(model_status), 'no users') as model_status,
        coalesce(min(oot_status), 'no users') as oot_status,
        cast(min(oot_cut_at) as {{ dbt.type_timestamp() }}) as oot_cut_at,
        max(forest_threshold) as forest_threshold,
        max(baseline_threshold) as baseline_threshold,
        max(base_rate_threshold) as base_rate_threshold,
        max(oot_forest_threshold) as oot_forest_threshold,
        max(oot_baseline_threshold) as oot_baseline_threshold,
        max(oot_base_rate_threshold) as oot_base_rate_threshold,
        max(forest_without_network_threshold)
            as forest_without_network_threshold,
        max(served_model) as served_model,
        coalesce(max(served_reason), 'no users') as served_reason

    from predictions

),

model_list as (

    {#- Every model and evaluation gets a row, fitted or not. -#}
    {% for evaluation, model, _, threshold, status_column, prefix in rows -%}
        select
            '{{ model }}' as model_name,
            '{{ evaluation }}' as evaluation,
            {% if status_column == 'model_status' -%}
                status.model_status
            {%- else -%}
                status.{{ status_column }} as model_status
            {%- endif %},
            {% if prefix -%}
                status.oot_cut_at
            {%- else -%}
                cast(null as {{ dbt.type_timestamp() }})
            {%- endif %} as cut_at,
            status.{{ threshold }} as decision_threshold,
            coalesce(status.served_model = '{{ model }}', false)
                as is_served,
            status.served_reason
        from status
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

test_predictions as (

    {#- Test users only (for the random split: its test half, never the
        validation half), one row per (user, model, evaluation);
        predicted positive at the model's threshold, chosen on training
        data only. -#}
    {% for evaluation, model, column, threshold, _, prefix in rows -%}
        select
            '{{ model }}' as model_name,
            '{{ evaluation }}' as evaluation,
            user_id,
            case when is_engaged_later then 1 else 0 end as actual_label,
            {{ column }} as probability,
            case when {{ column }} >= {{ threshold }} then 1 else 0 end
                as predicted_label
        from predictions
        where {{ prefix }}split = 'test' and {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

validation_predictions as (

    {#- The random split's validation users, where the served model is
        chosen (lowest Brier score); never the test users. -#}
    {% for evaluation, model, column, _, _, prefix in rows
        if not prefix -%}
        select
            '{{ model }}' as model_name,
            '{{ evaluation }}' as evaluation,
            case when is_engaged_later then 1 else 0 end as actual_label,
            {{ column }} as probability
        from predictions
        where split = 'validation' and {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

validation_counts as (

    select
        model_name,
        evaluation,
        count(*) as validation_user_count,
        {{ exact_avg(
            '(probability - actual_label) * (probability - actual_label)'
        ) }} as validation_brier_score

    from validation_predictions

    group by model_name, evaluation

),

ranked as (

    {#- Average ranks of the probabilities (ties share a rank), for ROC AUC
        by the Mann-Whitney formula. -#}
    select
        *,
        rank()
            over (
                partition by model_name, evaluation order by probability asc
            )
        + (
            count(*)
                over (partition by model_name, evaluation, probability)
            - 1
        )
        / 2.0 as probability_rank

    from test_predictions

),

counts as (

    select
        model_name,
        evaluation,
        count(*) as user_count,
        sum(actual_label) as positive_count,
        sum(1 - actual_label) as negative_count,
        sum(predicted_label * actual_label) as true_positives,
        sum(predicted_label * (1 - actual_label)) as false_positives,
        sum((1 - predicted_label) * actual_label) as false_negatives,
        sum(case when predicted_label = actual_label then 1 else 0 end)
            as correct_count,
        sum(case when actual_label = 1 then probability_rank else 0 end)
            as positive_rank_sum,
        {{ exact_avg(
            '(probability - actual_label) * (probability - actual_label)'
        ) }} as brier_score

    from ranked

    group by model_name, evaluation

),

metrics as (

    {#- At each model's decision_threshold. Precision is null when nothing
        is predicted positive; ROC AUC is null when the test users have one
        label; every metric is null when no model was fitted. -#}
    select
        model_list.model_name,
        model_list.evaluation,
        case
            when model_list.model_name = 'random_forest' then 'model'
            when model_list.model_name = 'random_forest_without_network'
                then 'ablation'
            else 'baseline'
        end as model_role,
        model_list.model_status,
        model_list.cut_at,
        model_list.decision_threshold,
        coalesce(counts.user_count, 0) as user_count,
        {{ safe_divide('counts.positive_count', 'counts.user_count') }}
            as base_rate,
        {{ safe_divide('counts.correct_count', 'counts.user_count') }}
            as accuracy,
        {{ safe_divide(
            'counts.true_positives',
            'counts.true_positives + counts.false_positives'
        ) }} as precision_score,
        {{ safe_divide(
            'counts.true_positives',
            'counts.true_positives + counts.false_negatives'
        ) }} as recall_score,
        {{ safe_divide(
            '2 * counts.true_positives',
            '2 * counts.true_positives + counts.false_positives'
            ~ ' + counts.false_negatives'
        ) }} as f1_score,
        {{ safe_divide(
            'counts.positive_rank_sum - counts.positive_count'
            ~ ' * (counts.positive_count + 1) / 2.0',
            'counts.positive_count * counts.negative_count'
        ) }} as roc_auc,
        counts.brier_score,
        coalesce(validation_counts.validation_user_count, 0)
            as validation_user_count,
        validation_counts.validation_brier_score,
        model_list.is_served,
        model_list.served_reason

    from model_list

    left join counts
        on
            model_list.model_name = counts.model_name
            and model_list.evaluation = counts.evaluation

    left join validation_counts
        on
            model_list.model_name = validation_counts.model_name
            and model_list.evaluation = validation_counts.evaluation

)

select * from metrics
