{#- The data behind the histograms: users per year of age (known ages), and
    users per band of liked posts on a doubling scale (0, 1, 2-3, 4-7,
    8-15, ...: the counts are heavily skewed). -#}

with

users as (

    select * from {{ ref('dim_interest_users') }}

),

ages as (

    select
        'age' as measure,
        age as bin_lower,
        age as bin_upper,
        count(*) as user_count

    from users

    where age is not null

    group by age

),

liked_bins as (

    select
        case
            when liked_posts = 0 then -1
            else cast(floor(ln(liked_posts) / ln(2) + 1e-9) as bigint)
        end as bin_power

    from users

),

liked as (

    select
        'liked_posts' as measure,
        case
            when bin_power < 0 then 0
            else cast(power(2, bin_power) as bigint)
        end as bin_lower,
        case
            when bin_power < 0 then 0
            else cast(power(2, bin_power + 1) - 1 as bigint)
        end as bin_upper,
        count(*) as user_count

    from liked_bins

    group by bin_power

),

final as (

    select
        measure,
        cast(bin_lower as bigint) as bin_lower,
        cast(bin_upper as bigint) as bin_upper,
        cast(user_count as bigint) as user_count

    from ages

    union all

    select
        measure,
        bin_lower,
        bin_upper,
        cast(user_count as bigint) as user_count

    from liked

)

select * from final
