{#- The seed audience's members in the seed country, with a seeded share
    (var audiences_lookalike_holdout_share) hidden: the evaluation fit does
    not see them, and the evaluation asks how many of them the ranking finds
    again in each tier. The holdout has its own seeded order ('-holdout'
    salt), independent of the fit sample's (int_audience_lookalike_sample),
    so a sample capped below the seed's size still holds visible members.
    -#}

with

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

profiles as (

    select * from {{ ref('int_audience_people_profiles') }}

),

members as (

    select
        memberships.person_id,
        cast(row_number() over (
            order by {{ sample_order(
                dbt.concat([
                    dbt.safe_cast('memberships.person_id', dbt.type_string()),
                    "'-holdout'",
                ])
            ) }}
        ) as {{ dbt.type_bigint() }}) as sample_rank,
        seed.seed_member_count

    from memberships

    inner join seed
        on memberships.audience_key = seed.seed_audience_key

    inner join profiles
        on
            memberships.person_id = profiles.person_id
            and seed.country_code = profiles.country_code

),

flagged as (

    select
        person_id,
        sample_rank
        <= floor(
            seed_member_count * {{ var('audiences_lookalike_holdout_share') }}
        ) as is_hidden

    from members

)

select * from flagged
