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

scores as (

    select
        features.ad_id,
        {% for target in targets -%}
            features.{{ target }} as actual_{{ target }},
            expected_per_ad.expected_{{ target }},
            {{ poisson_median('expected_per_ad.expected_' ~ target) }}
                as predicted_{{ target }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from features

    inner join expected_per_ad
        on features.ad_id = expected_per_ad.ad_id

)

select * from scores
