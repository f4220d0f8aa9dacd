{#- Interests in the input that the category map lacks: reported here, not
    dropped (their likes count in liked posts, not in any category). -#}

with

likes as (

    select * from {{ ref('int_interest_likes_cleaned') }}

),

final as (

    select
        interest,
        cast(
            count(distinct case when like_count > 0 then user_id end) as bigint
        )
            as user_count,
        cast(sum(like_count) as bigint) as like_count

    from likes

    where category is null

    group by interest

)

select * from final
