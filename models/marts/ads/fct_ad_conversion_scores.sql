{%- set numeric_features = var('ads_conversion_numeric_features') -%}
{%- set categorical_features = var('ads_conversion_categorical_features') -%}
{%- set targets = var('ads_conversion_targets') -%}

with

features as (

    select * from {{ ref('int_ads_conversion_features') }}

),

coefficients as (

    select * from {{ ref('int_ads_conversion_coefficients') }}

),

conversion_sample as (

    select * from {{ ref('int_ads_conversion_sample') }}

),

metrics as (

    select * from {{ ref('fct_ad_conversion_model_metrics') }}

),

feature_values as (

    {#- Features as (ad, feature, value) rows, so one join meets every
        coefficient whatever the feature list. -#}
    {% for feature in numeric_features -%}
        select
            ad_id,
            '{{ feature }}' as feature_name,
            {{ feature }} as numeric_value,
            cast(null as {{ dbt.type_string() }}) as level_value
        from features
        union all
    {% endfor -%}
    {% for feature in categorical_features -%}
        select
            ad_id,
            '{{ feature }}' as feature_name,
            cast(null as double) as numeric_value,
            {{ feature }} as level_value
        from features
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

term_values as (

    {#- Each matching coefficient's contribution to an ad's linear
        predictor. -#}
    select
        feature_values.ad_id,
        coefficients.target_name,
        case
            when coefficients.term_kind = 'numeric'
                then
                    coefficients.coefficient
                    * (
                        feature_values.numeric_value
                        - coefficients.feature_mean
                    )
                    / coefficients.feature_scale
            else coefficients.coefficient
        end as term_value

    from feature_values

    inner join coefficients
        on
            feature_values.feature_name = coefficients.feature_name
            and (
                coefficients.term_kind = 'numeric'
                or feature_values.level_value = coefficients.level_value
            )

),

linear_terms as (

    select
        ad_id,
        target_name,
        {{ exact_sum('term_value') }} as linear_sum

    from term_values

    group by ad_id, target_name

),

intercepts as (

    select
        target_name,
        coefficient as intercept

    from coefficients

    where term_kind = 'intercept'

),

expected_values as (

    {#- A level unseen in training has no coefficient row: it adds 0. -#}
    select
        linear_terms.ad_id,
        linear_terms.target_name,
        exp(intercepts.intercept + linear_terms.linear_sum) as expected_value

    from linear_terms

    inner join intercepts
        on linear_terms.target_name = intercepts.target_name

),

expected_per_ad as (

    select
        ad_id,
        {% for target in targets -%}
            max(case when target_name = '{{ target }}' then expected_value end)
                as expected_{{ target }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from expected_values

    group by ad_id

),

sample_values as (

    {#- The constant baselines are fitted on the GLM's sample: its mean and
        median of each target. -#}
    {% for target in targets -%}
        select
            '{{ target }}' as target_name,
            cast({{ target }} as double) as target_value
        from conversion_sample
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

sample_values_ordered as (

    select
        target_name,
        target_value,
        row_number() over (
            partition by target_name order by target_value
        ) as value_position,
        count(*) over (partition by target_name) as value_count

    from sample_values

),

constant_baselines as (

    {#- The median is the middle value, or the mean of the two middle values
        of an even count. -#}
    select
        target_name,
        {{ exact_avg('target_value') }} as training_mean,
        avg(
            case
                when
                    value_position
                    in (
                        floor((value_count + 1) / 2.0),
                        ceil((value_count + 1) / 2.0)
                    )
                    then target_value
            end
        ) as training_median

    from sample_values_ordered

    group by target_name

),

served_per_target as (

    {#- One row: the served method of each target (fct_ad_conversion_model_
        metrics, chosen on the validation part) and its constants. -#}
    select
        {% for target in targets -%}
            max(
                case
                    when metrics.target_name = '{{ target }}'
                        then metrics.model_name
                end
            ) as method_{{ target }},
            max(
                case
                    when constant_baselines.target_name = '{{ target }}'
                        then constant_baselines.training_mean
                end
            ) as training_mean_{{ target }},
            max(
                case
                    when constant_baselines.target_name = '{{ target }}'
                        then constant_baselines.training_median
                end
            ) as training_median_{{ target }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from metrics

    inner join constant_baselines
        on metrics.target_name = constant_baselines.target_name

    where metrics.is_served

),

scores as (

    {#- The served method's forecast; null if no method is served, which the
        not_null tests catch. -#}
    select
        features.ad_id,
        {% for target in targets -%}
            features.{{ target }} as actual_{{ target }},
            expected_per_ad.expected_{{ target }},
            served_per_target.method_{{ target }}
                as predicted_{{ target }}_method,
            case served_per_target.method_{{ target }}
                when 'baseline_training_median'
                    then served_per_target.training_median_{{ target }}
                when 'baseline_training_mean'
                    then served_per_target.training_mean_{{ target }}
                when 'poisson_glm_median'
                    then {{ poisson_median(
                        'expected_per_ad.expected_' ~ target
                    ) }}
                when 'poisson_glm_expected'
                    then expected_per_ad.expected_{{ target }}
            end as predicted_{{ target }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from features

    inner join expected_per_ad
        on features.ad_id = expected_per_ad.ad_id

    cross join served_per_target

)

select * from scores
