{#- The honest check of the ad choice against baselines (docs block
    interests_ad_choice_check). -#}

with

check_rows as (

    select * from {{ ref('int_interest_ad_choice_check') }}

),

final as (

    select
        method,
        is_rule,
        is_served,
        served_reason,
        cast(validation_user_count as bigint) as validation_user_count,
        cast(validation_hit_count as bigint) as validation_hit_count,
        validation_hit_rate,
        cast(evaluated_user_count as bigint) as evaluated_user_count,
        cast(hit_count as bigint) as hit_count,
        hit_rate,
        cast(users_without_hidden_likes as bigint)
            as users_without_hidden_likes,
        hidden_share

    from check_rows

)

select * from final
