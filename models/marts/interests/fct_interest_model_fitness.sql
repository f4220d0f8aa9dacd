{#- One row per fitted model of the interests domain, with what the data
    can support (docs block model_fitness): the taste clusters, and the ad
    method served against the most popular category, on the test half. -#}

with

k_selection as (

    select * from {{ ref('fct_interest_k_selection') }}

),

ad_choice_check as (

    select * from {{ ref('fct_interest_ad_choice_check') }}

),

pca_parameters as (

    select * from {{ ref('int_interest_pca_parameters') }}

),

pca as (

    select
        cast('principal components' as {{ dbt.type_string() }})
            as model_name,
        cast(
            'PCA of standardised category shares' as {{ dbt.type_string() }}
        ) as fit_method,
        cast(max(fit_user_count) as {{ dbt.type_bigint() }}) as fit_row_count,
        cast(null as {{ dbt.type_bigint() }}) as distinct_point_count,
        cast(null as double) as top_point_share,
        {{ dbt.concat([
            "'1-'", dbt.safe_cast('max(component)', dbt.type_string()),
        ]) }} as choices_tried,
        {{ dbt.safe_cast(
            'max(case when is_kept then component end)', dbt.type_string()
        ) }} as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast(
            'share of the variance the kept components explain'
            as {{ dbt.type_string() }}
        ) as quality_measure,
        max(case when is_kept then cumulative_variance_ratio end)
            as quality_value,
        cast(
            'var interests_pca_variance_target' as {{ dbt.type_string() }}
        ) as baseline_measure,
        cast({{ var('interests_pca_variance_target') }} as double)
            as baseline_value,
        cast('fitted' as {{ dbt.type_string() }}) as fit_status,
        cast(null as {{ dbt.type_string() }}) as fit_note

    from pca_parameters

),

taste_clusters as (

    {{ kmeans_fitness(
        'taste clusters', 'KMeans on the principal components of shares',
        'k_selection',
    ) }}

),

ad_choice as (

    select
        cast('ad choice' as {{ dbt.type_string() }}) as model_name,
        cast(
            'the method with the best validation hit rate'
            as {{ dbt.type_string() }}
        ) as fit_method,
        cast(
            max(validation_user_count + evaluated_user_count)
            as {{ dbt.type_bigint() }}
        ) as fit_row_count,
        cast(null as {{ dbt.type_bigint() }}) as distinct_point_count,
        cast(null as double) as top_point_share,
        cast('4 methods' as {{ dbt.type_string() }}) as choices_tried,
        max(case when is_served then method end) as chosen,
        cast(null as boolean) as is_chosen_at_edge,
        cast('hit rate on the test half' as {{ dbt.type_string() }})
            as quality_measure,
        max(case when is_served then hit_rate end) as quality_value,
        cast(
            'hit rate of the most popular category'
            as {{ dbt.type_string() }}
        ) as baseline_measure,
        max(
            case when method = 'most_popular_category' then hit_rate end
        ) as baseline_value,
        case
            when max(evaluated_user_count) = 0 then 'nobody to evaluate'
            when max(case when is_served then method end) = 'ad_rule'
                then 'fitted'
            else 'rule not served'
        end as fit_status,
        max(served_reason) as fit_note

    from ad_choice_check

),

unioned as (

    select * from pca

    union all

    select * from taste_clusters

    union all

    select * from ad_choice

)

select * from unioned
