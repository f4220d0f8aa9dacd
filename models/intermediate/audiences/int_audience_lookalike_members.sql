{#- The seed audience's members in the seed country, with a seeded share
    (var audiences_lookalike_holdout_share) hidden: the evaluation fit does
    not see them, and the evaluation asks how many of them the ranking finds
    again in each tier. The holdout has its own seeded order ('-holdout'
    salt), independent of the fit sample's (int_audience_lookalike_sample),
    so a sample capped below the seed's size still holds visible members.
    The hidden members are split in two parts by the same seeded order
    (odd ranks `validation`, even ranks `test`): the served ranking method
    is chosen on the validation part and reported on the test part
    (fct_lookalike_evaluation). -#}

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
        sample_rank,
        sample_rank
        <= floor(
            seed_member_count * {{ var('audiences_lookalike_holdout_share') }}
        ) as is_hidden

    from members

),

parted as (

    select
        person_id,
        is_hidden,
        case
            when not is_hidden then null
            when mod(sample_rank, 2) = 1 then 'validation'
            else 'test'
        end as holdout_part

    from flagged

)

select * from parted
