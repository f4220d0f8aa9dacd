{%- set served_method = 'max(case when is_served then method end)' -%}
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
        {{ model_fitness_columns({
            'model_name': "'principal components'",
            'fit_method': "'PCA of standardised category shares'",
            'fit_row_count': 'max(fit_user_count)',
            'choices_tried': dbt.concat([
                "'1-'", dbt.safe_cast('max(component)', dbt.type_string()),
            ]),
            'chosen': 'max(case when is_kept then component end)',
            'quality_measure':
                "'share of the variance the kept components explain'",
            'quality_value':
                'max(case when is_kept then cumulative_variance_ratio end)',
            'baseline_measure': "'var interests_pca_variance_target'",
            'baseline_value': var('interests_pca_variance_target'),
            'fit_status': "'fitted'",
        }) }}

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
        {{ model_fitness_columns({
            'model_name': "'ad choice'",
            'fit_method': "'the method with the best validation hit rate'",
            'fit_row_count':
                'max(validation_user_count + evaluated_user_count)',
            'choices_tried': "'4 methods'",
            'chosen': served_method,
            'quality_measure': "'hit rate on the test half'",
            'quality_value': 'max(case when is_served then hit_rate end)',
            'baseline_measure': "'hit rate of the most popular category'",
            'baseline_value': "max(case when method = 'most_popular_category'"
                ~ ' then hit_rate end)',
            'fit_status': "case when max(evaluated_user_count) = 0"
                ~ " then 'nobody to evaluate' when " ~ served_method
                ~ " = 'ad_rule' then 'fitted' else 'rule not served' end",
            'fit_note': 'max(served_reason)',
        }) }}

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
