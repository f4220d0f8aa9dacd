{#- One row per fitted model of the audiences domain, with what the data
    can support (docs block model_fitness): the lookalike, its fit sample's
    rows and distinct feature rows, and the ranking served (the winner on
    the validation part) beside most active first, on the test part. -#}
{%- set features = var('audiences_lookalike_features') -%}

with

sample as (

    select * from {{ ref('int_audience_lookalike_sample') }}

),

summary as (

    select * from {{ ref('fct_lookalike_summary') }}

),

points as (

    select
        {%- for feature in features %}
            {{ feature }},
        {%- endfor %}
        count(*) as row_count

    from sample

    group by {{ features | join(', ') }}

),

point_counts as (

    select
        sum(row_count) as fit_row_count,
        count(*) as distinct_point_count,
        max(row_count) as top_point_row_count

    from points

),

lookalike as (

    select
        {{ model_fitness_columns({
            'model_name': "'lookalike'",
            'fit_method': "'logistic regression of seed membership'",
            'fit_row_count': 'point_counts.fit_row_count',
            'distinct_point_count': 'point_counts.distinct_point_count',
            'top_point_share': safe_divide(
                'cast(point_counts.top_point_row_count as double)',
                'point_counts.fit_row_count',
            ),
            'choices_tried': "'similarity model, most active first'",
            'chosen': 'summary.served_method',
            'quality_measure':
                "'test-part recall in the choice tier, ranking served'",
            'quality_value': "case when summary.served_method ="
                ~ " 'similarity_model' then summary.model_test_recall"
                ~ ' else summary.baseline_test_recall end',
            'baseline_measure': "'the same for most active first'",
            'baseline_value': 'summary.baseline_test_recall',
            'fit_status': 'case when not summary.is_fitted'
                ~ ' then summary.lookalike_status'
                ~ " when summary.served_method = 'similarity_model'"
                ~ " then 'fitted' else 'model not served' end",
            'fit_note': 'summary.method_choice',
        }) }}

    from summary

    cross join point_counts

)

select * from lookalike
