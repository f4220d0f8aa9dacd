{#- One row per cluster: its name (rule in int_interest_cluster_names),
    size, mean age, top categories, and how stable the fit is across
    seeds. -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

names as (

    select * from {{ ref('int_interest_cluster_names') }}

),

centroids as (

    select * from {{ ref('int_interest_cluster_centroids') }}

),

fit as (

    select
        cluster_id,
        max(sample_user_count) as sample_user_count,
        max(fit_user_count) as fit_user_count,
        max(stability_runs) as stability_runs,
        max(stability_mean_adjusted_rand_index)
            as stability_mean_adjusted_rand_index,
        max(stability_min_adjusted_rand_index)
            as stability_min_adjusted_rand_index

    from centroids

    group by cluster_id

),

sizes as (

    select
        cluster_id,
        count(*) as user_count,
        avg(age) as mean_age,
        avg(mapped_likes) as mean_mapped_likes

    from users

    group by cluster_id

),

final as (

    select
        names.cluster_id,
        names.cluster_name,
        cast(coalesce(sizes.user_count, 0) as bigint) as user_count,
        cast(coalesce(sizes.user_count, 0) as double)
        / sum(coalesce(sizes.user_count, 0)) over () as user_share,
        sizes.mean_age,
        sizes.mean_mapped_likes,
        names.top_category,
        names.top_category_share,
        names.second_category,
        names.second_category_share,
        cast(fit.sample_user_count as bigint) as sample_user_count,
        cast(fit.fit_user_count as bigint) as fit_user_count,
        cast(fit.stability_runs as bigint) as stability_runs,
        fit.stability_mean_adjusted_rand_index,
        fit.stability_min_adjusted_rand_index,
        names.fit_status

    from names

    inner join fit
        on names.cluster_id = fit.cluster_id

    left join sizes
        on names.cluster_id = sizes.cluster_id

)

select * from final
