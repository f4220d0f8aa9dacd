{#- One row: the lookalike's seed audience and country, its members (and
    how many were hidden for the evaluation), the country's population,
    whether the model was fitted and why not, and the lookalike sizes. -#}

with

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

members as (

    select
        count(*) as member_count,
        cast(
            coalesce(sum(case when is_hidden then 1 else 0 end), 0)
            as {{ dbt.type_bigint() }}
        ) as hidden_count

    from {{ ref('int_audience_lookalike_members') }}

),

lookalike as (

    select count(*) as lookalike_count
    from {{ ref('fct_lookalike_audience') }}

),

summary as (

    select
        seed.seed_audience_key,
        seed.country_code,
        seed.country_population,
        seed.seed_member_count,
        members.hidden_count,
        seed.lookalike_status,
        seed.is_fitted,
        lookalike.lookalike_count,
        {{ var('audiences_lookalike_max_percent') }} as max_percent

    from seed

    cross join members

    cross join lookalike

)

select * from summary
