{#- The age mix of each cluster: users per age group and their share of
    the cluster. -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

counts as (

    select
        cluster_id,
        age_group,
        count(*) as user_count

    from users

    group by cluster_id, age_group

),

final as (

    select
        cluster_id,
        age_group,
        cast(user_count as bigint) as user_count,
        cast(user_count as double)
        / sum(user_count) over (partition by cluster_id) as user_share

    from counts

)

select * from final
