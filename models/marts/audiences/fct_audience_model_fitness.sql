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
        cast('lookalike' as {{ dbt.type_string() }}) as model_name,
        cast(
            'logistic regression of seed membership'
            as {{ dbt.type_string() }}
        ) as fit_method,
        cast(point_counts.fit_row_count as {{ dbt.type_bigint() }})
            as fit_row_count,
        cast(point_counts.distinct_point_count as {{ dbt.type_bigint() }})
            as distinct_point_count,
        {{ safe_divide(
            'cast(point_counts.top_point_row_count as double)',
            'point_counts.fit_row_count',
        ) }} as top_point_share,
        cast(
            'similarity model, most active first' as {{ dbt.type_string() }}
        ) as choices_tried,
        summary.served_method as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast(
            'test-part recall in the choice tier, ranking served'
            as {{ dbt.type_string() }}
        ) as quality_measure,
        case
            when summary.served_method = 'similarity_model'
                then summary.model_test_recall
            else summary.baseline_test_recall
        end as quality_value,
        cast(
            'the same for most active first' as {{ dbt.type_string() }}
        ) as baseline_measure,
        summary.baseline_test_recall as baseline_value,
        case
            when not summary.is_fitted then summary.lookalike_status
            when summary.served_method = 'similarity_model' then 'fitted'
            else 'model not served'
        end as fit_status,
        summary.method_choice as fit_note

    from summary

    cross join point_counts

)

select * from lookalike
