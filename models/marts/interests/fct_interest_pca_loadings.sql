{#- What each principal component means: one row per component and
    category with its loading. -#}

with

pca as (

    select * from {{ ref('int_interest_pca_parameters') }}

),

final as (

    select
        component,
        category,
        loading,
        is_kept

    from pca

)

select * from final
