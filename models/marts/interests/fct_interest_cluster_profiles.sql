{#- The cluster profiles: per cluster and category, the mean likes and the
    mean share of likes of the cluster's users (all clean users). -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

final as (

    select
        users.cluster_id,
        users.cluster_name,
        user_category_likes.category,
        count(*) as user_count,
        avg(user_category_likes.like_count) as mean_like_count,
        {{ exact_avg('user_category_likes.like_share') }}
            as mean_like_share

    from user_category_likes

    inner join users
        on user_category_likes.user_id = users.user_id

    group by users.cluster_id, users.cluster_name, user_category_likes.category

)

select * from final
