{#- One row per clean user and category (zeros included). -#}

with

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

final as (

    select
        user_id,
        category,
        like_count,
        like_share,
        category_rank

    from user_category_likes

)

select * from final
