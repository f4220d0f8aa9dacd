{{ config(materialized='table') }}
{#- The ad category per user, in SQL: for every category, score = w x the
    user's own share + (1 - w) x the cluster's mean share
    (int_interest_cluster_shares), w = mapped likes / (mapped likes + var
    interests_ad_prior_likes): a user with many likes is shown their own
    taste, a user with few leans on similar users. The highest score wins
    (ties to the more popular category); a user with no mapped likes gets
    the most popular category. A user placed in no cluster (fewer than var
    interests_min_likes_to_cluster likes) blends with every learning
    user's shares (each category's share of all learning likes) instead,
    and gets no confidence (reason too_few_likes). The confidence is the
    winning score (0-1, capped at 1 against rounding);
    the reason says whether it is the user's own top category, the
    cluster's, both, or a blend. -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

clusters as (

    select * from {{ ref('int_interest_user_clusters') }}

),

cluster_shares as (

    select * from {{ ref('int_interest_cluster_shares') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

reference_shares as (

    {#- Cluster 0 is every learning user: the reference of users placed in
        no cluster (cluster ids start at 1). -#}
    select
        cluster_id,
        category,
        mean_share,
        category_rank

    from cluster_shares

    union all

    select
        0 as cluster_id,
        category,
        {{ safe_divide(
            'cast(like_count as double)', 'sum(like_count) over ()'
        ) }} as mean_share,
        popularity_rank as category_rank

    from categories

),

scored as (

    select
        user_category_likes.user_id,
        user_category_likes.category,
        user_category_likes.popularity_rank,
        user_category_likes.category_rank as own_rank,
        reference_shares.category_rank as cluster_rank,
        profiles.mapped_likes,
        clusters.cluster_id,
        (
            cast(profiles.mapped_likes as double)
            / (profiles.mapped_likes + {{ var('interests_ad_prior_likes') }})
        ) * user_category_likes.like_share
        + (
            1 - cast(profiles.mapped_likes as double)
            / (profiles.mapped_likes + {{ var('interests_ad_prior_likes') }})
        ) * coalesce(reference_shares.mean_share, 0) as ad_score

    from user_category_likes

    inner join profiles
        on user_category_likes.user_id = profiles.user_id

    left join clusters
        on user_category_likes.user_id = clusters.user_id

    left join reference_shares
        on
            coalesce(clusters.cluster_id, 0) = reference_shares.cluster_id
            and user_category_likes.category = reference_shares.category

),

ranked as (

    select
        *,
        cast(row_number() over (
            partition by user_id
            order by
                case when mapped_likes = 0 then popularity_rank else 0 end,
                ad_score desc,
                popularity_rank asc
        ) as {{ dbt.type_bigint() }}) as ad_rank

    from scored

),

tops as (

    select
        user_id,
        max(case when own_rank = 1 and mapped_likes > 0 then category end)
            as own_top_category,
        max(case when cluster_rank = 1 then category end)
            as cluster_top_category

    from scored

    group by user_id

),

chosen as (

    select
        ranked.user_id,
        ranked.cluster_id,
        ranked.category as ad_category,
        case
            when ranked.mapped_likes > 0 and ranked.cluster_id is not null
                then least(ranked.ad_score, 1.0)
        end as ad_confidence,
        case
            when ranked.mapped_likes = 0 then 'no_likes_most_popular'
            when ranked.cluster_id is null then 'too_few_likes'
            when
                ranked.category = tops.own_top_category
                and ranked.category = tops.cluster_top_category
                then 'own_and_cluster_top_category'
            when ranked.category = tops.own_top_category
                then 'own_top_category'
            when ranked.category = tops.cluster_top_category
                then 'cluster_top_category'
            else 'blend_of_own_and_cluster'
        end as ad_reason,
        tops.own_top_category,
        tops.cluster_top_category

    from ranked

    inner join tops
        on ranked.user_id = tops.user_id

    where ranked.ad_rank = 1

)

select * from chosen
