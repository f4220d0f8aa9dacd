{{ config(materialized='table') }}
{#- Every clean user's coordinates on the kept principal components, in SQL
    from the stored PCA rows: the sum over categories of the standardised
    share ((share - mean) / scale) times the loading. -#}

with

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

pca as (

    select * from {{ ref('int_interest_pca_parameters') }}

),

coordinates as (

    select
        user_category_likes.user_id,
        pca.component,
        {{ exact_sum(
            '(user_category_likes.like_share - pca.feature_mean)'
            ~ ' / pca.feature_scale * pca.loading'
        ) }} as coordinate

    from user_category_likes

    inner join pca
        on user_category_likes.category = pca.category

    where pca.is_kept

    group by user_category_likes.user_id, pca.component

)

select * from coordinates
