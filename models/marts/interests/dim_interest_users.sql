{#- One row per clean user: profile (no name or handle), likes, top
    category, cluster (null with cluster_status `too few likes` under var
    interests_min_likes_to_cluster), the first two principal coordinates
    and the ad to show: the choice of the method served, the one that won
    on the validation half of the held-out users
    (int_interest_ad_choice_check), named in ad_method with why. -#}

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

ad_choice_check as (

    select * from {{ ref('int_interest_ad_choice_check') }}

),

categories as (

    select * from {{ ref('int_interest_categories') }}

),

served as (

    select
        method as ad_method,
        served_reason as ad_method_reason

    from ad_choice_check

    where is_served

),

most_popular as (

    select category as most_popular_category

    from categories

    where popularity_rank = 1

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
        case
            when clusters.cluster_id is not null then 'placed'
            when profiles.mapped_likes = 0 then 'no likes'
            else 'too few likes'
        end as cluster_status,
        clusters.distance_to_centroid,
        coordinates.pc_1,
        coordinates.pc_2,
        case served.ad_method
            when 'own_top_category'
                then coalesce(
                    ads.own_top_category, most_popular.most_popular_category
                )
            when 'cluster_top_category' then ads.cluster_top_category
            when 'most_popular_category'
                then most_popular.most_popular_category
            else ads.ad_category
        end as ad_category,
        served.ad_method,
        served.ad_method_reason,
        ads.ad_category as rule_ad_category,
        case
            when served.ad_method = 'ad_rule' then ads.ad_confidence
        end as ad_confidence,
        case
            when served.ad_method = 'ad_rule' then ads.ad_reason
            else served.ad_method
        end as ad_reason,
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

    cross join served

    cross join most_popular

)

select * from final
