{#- The scree picture: one row per principal component. -#}

with

pca as (

    select * from {{ ref('int_interest_pca_parameters') }}

),

final as (

    select distinct
        component,
        explained_variance,
        explained_variance_ratio,
        cumulative_variance_ratio,
        is_kept,
        fit_user_count

    from pca

)

select * from final
