{#- One row per fitted model of the fans domain, with what the data can
    support (docs block model_fitness): the activity levels, and the
    early-activity classifier (random split) against its one-feature
    baseline. -#}

with

k_selection as (

    select * from {{ ref('fct_fan_activity_k_selection') }}

),

metrics as (

    select * from {{ ref('fct_fan_classifier_metrics') }}

),

activity_levels as (

    {{ kmeans_fitness(
        'activity levels', 'KMeans on standardised activity features',
        'k_selection',
    ) }}

),

random_split as (

    select * from metrics

    where evaluation = 'random_split'

),

classifier as (

    select
        cast('early-activity classifier' as {{ dbt.type_string() }})
            as model_name,
        cast(
            'random forest on early features, held-out users'
            as {{ dbt.type_string() }}
        ) as fit_method,
        cast(
            max(case when model_role = 'model' then user_count end)
            as {{ dbt.type_bigint() }}
        ) as fit_row_count,
        cast(null as {{ dbt.type_bigint() }}) as distinct_point_count,
        cast(null as double) as top_point_share,
        cast(null as {{ dbt.type_string() }}) as choices_tried,
        cast('random_forest' as {{ dbt.type_string() }}) as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast('F1 on held-out users' as {{ dbt.type_string() }})
            as quality_measure,
        max(
            case when model_name = 'random_forest' then f1_score end
        ) as quality_value,
        cast(
            'F1 of the logistic baseline on engagement count'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        max(
            case
                when model_name = 'baseline_logistic_engagement_count'
                    then f1_score
            end
        ) as baseline_value,
        max(model_status) as fit_status,
        case
            when
                max(
                    case when model_name = 'random_forest' then f1_score end
                )
                <= max(
                    case
                        when model_name = 'baseline_logistic_engagement_count'
                            then f1_score
                    end
                )
                then 'the one-feature baseline does as well or better (F1)'
        end as fit_note

    from random_split

),

unioned as (

    select * from activity_levels

    union all

    select * from classifier

)

select * from unioned
