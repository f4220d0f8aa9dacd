{#- One row per clean user: profile (no name or handle), likes, top
    category, cluster, the first two principal coordinates and the ad to
    show. -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

components as (

    select * from {{ ref('int_interest_user_components') }}

),

clusters as (

    select * from {{ ref('int_interest_user_clusters') }}

),

cluster_names as (

    select * from {{ ref('int_interest_cluster_names') }}

),

ads as (

    select * from {{ ref('int_interest_ad_choices') }}

),

tops as (

    select
        user_id,
        category as top_category,
        like_count as top_category_likes,
        like_share as top_category_share

    from user_category_likes

    where category_rank = 1 and like_count > 0

),

coordinates as (

    select
        user_id,
        max(case when component = 1 then coordinate end) as pc_1,
        max(case when component = 2 then coordinate end) as pc_2

    from components

    group by user_id

),

final as (

    select
        profiles.user_id,
        profiles.age,
        profiles.age_status,
        profiles.age_group,
        profiles.gender,
        profiles.liked_posts,
        profiles.mapped_likes,
        tops.top_category,
        tops.top_category_likes,
        tops.top_category_share,
        clusters.cluster_id,
        cluster_names.cluster_name,
        clusters.distance_to_centroid,
        coordinates.pc_1,
        coordinates.pc_2,
        ads.ad_category,
        ads.ad_confidence,
        ads.ad_reason,
        profiles.is_evaluation_user

    from profiles

    left join tops
        on profiles.user_id = tops.user_id

    left join clusters
        on profiles.user_id = clusters.user_id

    left join cluster_names
        on clusters.cluster_id = cluster_names.cluster_id

    left join coordinates
        on profiles.user_id = coordinates.user_id

    left join ads
        on profiles.user_id = ads.user_id

)

select * from final
