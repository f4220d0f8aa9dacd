{#- A user's category shares are shares of their mapped likes: for every
    user with a mapped like they sum to 1 (likes of interests the map lacks
    are not in the denominator). Returns each user whose shares do not. -#}

with

user_category_likes as (

    select * from {{ ref('int_interest_user_category_likes') }}

),

sums as (

    select
        user_id,
        sum(like_share) as share_sum,
        sum(like_count) as like_count

    from user_category_likes

    group by user_id

),

wrong as (

    select * from sums

    where like_count > 0 and abs(share_sum - 1) > 1e-9

)

select * from wrong
