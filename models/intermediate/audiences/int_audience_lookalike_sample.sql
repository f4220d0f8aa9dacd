{{ config(materialized='table') }}
{#- The bounded seeded sample the similarity model is fitted on: people
    of the seed country, at most half of var audiences_lookalike_sample_size
    seed members and the rest other people, each chosen by the seeded
    sample order. -#}
{%- set half = (var('audiences_lookalike_sample_size') | int) // 2 -%}

with

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

features as (

    select * from {{ ref('int_audience_lookalike_features') }}

),

members as (

    select * from {{ ref('int_audience_lookalike_members') }}

),

country_people as (

    select
        features.*,
        members.person_id is not null as is_member,
        coalesce(members.is_hidden, false) as is_hidden

    from features

    inner join seed
        on features.country_code = seed.country_code

    left join members
        on features.person_id = members.person_id

),

ordered as (

    select
        *,
        cast(row_number() over (
            partition by is_member
            order by {{ sample_order('person_id') }}
        ) as {{ dbt.type_bigint() }}) as sample_rank

    from country_people

),

sample as (

    select * from ordered

    where
        (is_member and sample_rank <= {{ half }})
        or (
            not is_member
            and sample_rank
            <= {{ var('audiences_lookalike_sample_size') }} - least(
                {{ half }},
                (select count(*) from members)
            )
        )

)

select * from sample
