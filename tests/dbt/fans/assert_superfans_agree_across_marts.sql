{#- The superfans of dim_superfans are exactly the users flagged in
    dim_fans, and fct_superfan_pages lists pages of those users only.
    Returns each disagreeing user with where it was found. -#}

with

flagged_fans as (

    select user_id from {{ ref('dim_fans') }}

    where is_superfan

),

superfans as (

    select user_id from {{ ref('dim_superfans') }}

),

superfan_page_users as (

    select distinct user_id from {{ ref('fct_superfan_pages') }}

),

only_flagged as (

    select
        flagged_fans.user_id,
        'flagged in dim_fans, missing from dim_superfans' as problem

    from flagged_fans

    left join superfans
        on flagged_fans.user_id = superfans.user_id

    where superfans.user_id is null

),

only_listed as (

    select
        superfans.user_id,
        'in dim_superfans, not flagged in dim_fans' as problem

    from superfans

    left join flagged_fans
        on superfans.user_id = flagged_fans.user_id

    where flagged_fans.user_id is null

),

pages_of_others as (

    select
        superfan_page_users.user_id,
        'in fct_superfan_pages, not a superfan' as problem

    from superfan_page_users

    left join superfans
        on superfan_page_users.user_id = superfans.user_id

    where superfans.user_id is null

),

disagreements as (

    select * from only_flagged

    union all

    select * from only_listed

    union all

    select * from pages_of_others

)

select * from disagreements
