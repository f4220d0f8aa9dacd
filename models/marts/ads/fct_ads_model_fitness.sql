{#- One row per fitted model of the ads domain, with what the data can
    support (docs block model_fitness): the audience-cell clusters and the
    conversion GLM per target against the best constant baseline. -#}

with

k_selection as (

    select * from {{ ref('fct_audience_cluster_k_selection') }}

),

metrics as (

    select * from {{ ref('fct_ad_conversion_model_metrics') }}

),

features as (

    select * from {{ ref('int_ads_conversion_features') }}

),

clusters as (

    {{ kmeans_fitness(
        'audience cell clusters', 'KMeans on standardised cell features',
        'k_selection',
    ) }}

),

feature_points as (

    select
        count(*) as row_count,
        count(distinct {{ dbt.concat([
            dbt.safe_cast('age_band', dbt.type_string()), "'|'",
            dbt.safe_cast('gender_code', dbt.type_string()), "'|'",
            dbt.safe_cast('interest_code', dbt.type_string()),
        ]) }}) as distinct_cell_count

    from features

),

glm as (

    select
        cast(
            {{ dbt.concat([
                "'conversion prediction: '", 'metrics.target_name',
            ]) }} as {{ dbt.type_string() }}
        ) as model_name,
        cast(
            'Poisson GLM, out-of-fold' as {{ dbt.type_string() }}
        ) as fit_method,
        cast(max(metrics.prediction_count) as {{ dbt.type_bigint() }})
            as fit_row_count,
        cast(
            max(feature_points.distinct_cell_count) as {{ dbt.type_bigint() }}
        ) as distinct_point_count,
        cast(null as double) as top_point_share,
        cast(null as {{ dbt.type_string() }}) as choices_tried,
        cast('poisson_glm_median' as {{ dbt.type_string() }}) as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast(
            'mean absolute error (model, median forecast)'
            as {{ dbt.type_string() }}
        ) as quality_measure,
        max(
            case
                when metrics.model_name = 'poisson_glm_median'
                    then metrics.mean_absolute_error
            end
        ) as quality_value,
        cast(
            'mean absolute error of the best constant baseline'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        max(metrics.best_baseline_mean_absolute_error) as baseline_value,
        case
            when
                max(
                    case
                        when metrics.model_name = 'poisson_glm_median'
                            then metrics.mean_absolute_error
                    end
                ) < max(metrics.best_baseline_mean_absolute_error)
                then 'fitted'
            else 'no better than a constant'
        end as fit_status,
        cast(null as {{ dbt.type_string() }}) as fit_note

    from metrics

    cross join feature_points

    group by metrics.target_name

),

unioned as (

    select * from clusters

    union all

    select * from glm

)

select * from unioned
