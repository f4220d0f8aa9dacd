{#- For the ad team: per ad category, the users it is shown to, their share,
    the mean confidence, and how many got it as their own top category or
    from their cluster. -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

counts as (

    select
        ad_category,
        count(*) as user_count,
        {{ exact_avg('ad_confidence') }} as mean_ad_confidence,
        sum(
            case
                when
                    ad_reason in (
                        'own_top_category', 'own_and_cluster_top_category'
                    )
                    then 1
                else 0
            end
        ) as own_top_user_count,
        sum(case when ad_reason = 'cluster_top_category' then 1 else 0 end)
            as cluster_top_user_count,
        sum(case when ad_reason = 'no_likes_most_popular' then 1 else 0 end)
            as no_likes_user_count

    from users

    group by ad_category

),

final as (

    select
        categories.category as ad_category,
        cast(coalesce(counts.user_count, 0) as bigint) as user_count,
        cast(coalesce(counts.user_count, 0) as double)
        / sum(coalesce(counts.user_count, 0)) over () as user_share,
        counts.mean_ad_confidence,
        cast(coalesce(counts.own_top_user_count, 0) as bigint)
            as own_top_user_count,
        cast(coalesce(counts.cluster_top_user_count, 0) as bigint)
            as cluster_top_user_count,
        cast(coalesce(counts.no_likes_user_count, 0) as bigint)
            as no_likes_user_count

    from categories

    left join counts
        on categories.category = counts.ad_category

)

select * from final
