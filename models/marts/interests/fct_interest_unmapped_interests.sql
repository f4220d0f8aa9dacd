{#- Interests in the input that the category map lacks: reported here, not
    dropped. Clean counts (they count in liked posts, not in any category)
    and rejected ones: a wide file's text column that is not an interest
    (a country, say) shows up here with every cell rejected; list it in var
    interests_wide_profile_columns. -#}

with

likes as (

    select * from {{ ref('int_interest_likes_validated') }}

),

final as (

    select
        interest,
        cast(
            count(
                distinct case
                    when reject_reason is null and like_count > 0 then user_id
                end
            ) as bigint
        ) as user_count,
        cast(
            coalesce(
                sum(case when reject_reason is null then like_count end), 0
            ) as bigint
        ) as like_count,
        cast(
            sum(case when reject_reason is not null then 1 else 0 end) as bigint
        ) as rejected_count

    from likes

    where category is null and interest is not null

    group by interest

)

select * from final
