{#- Per age group and category: the users whose top category it is, their
    share of the group, the group's mean share of likes in the category,
    and the group's favourite (the category most users of the group have
    as top category; ties to the more popular category). -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

groups as (

    select
        age_group,
        count(*) as group_user_count

    from users

    group by age_group

),

group_shares as (

    select
        users.age_group,
        user_category_likes.category,
        {{ exact_avg('user_category_likes.like_share') }}
            as mean_like_share

    from user_category_likes

    inner join users
        on user_category_likes.user_id = users.user_id

    group by users.age_group, user_category_likes.category

),

top_counts as (

    select
        age_group,
        top_category as category,
        count(*) as user_count

    from users

    where top_category is not null

    group by age_group, top_category

),

grid as (

    select
        groups.age_group,
        categories.category,
        categories.popularity_rank,
        groups.group_user_count,
        cast(coalesce(top_counts.user_count, 0) as bigint) as user_count,
        coalesce(group_shares.mean_like_share, 0) as mean_like_share

    from groups

    cross join categories

    left join top_counts
        on
            groups.age_group = top_counts.age_group
            and categories.category = top_counts.category

    left join group_shares
        on
            groups.age_group = group_shares.age_group
            and categories.category = group_shares.category

),

final as (

    select
        age_group,
        category,
        user_count,
        cast(group_user_count as bigint) as group_user_count,
        cast(user_count as double) / group_user_count
            as user_share,
        mean_like_share,
        row_number() over (
            partition by age_group
            order by user_count desc, popularity_rank asc
        ) = 1 as is_favourite

    from grid

)

select * from final
