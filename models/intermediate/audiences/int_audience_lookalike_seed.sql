{#- The lookalike's seed: audience var audiences_lookalike_seed_audience,
    in one country (var audiences_lookalike_country, or the country most of
    its members live in). One row with the counts and whether the
    similarity model is fitted: the platform needs at least
    audiences_min_size (100) seed people from one country, and there must
    be other people in that country to rank. -#}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

profiles as (

    select * from {{ ref('int_audience_people_profiles') }}

),

definitions as (

    select audience_key from {{ ref('int_audience_definitions') }}
    where audience_key = '{{ var("audiences_lookalike_seed_audience") }}'

),

member_countries as (

    select
        profiles.country_code,
        count(*) as member_count

    from memberships

    inner join profiles
        on memberships.person_id = profiles.person_id

    where
        memberships.audience_key
        = '{{ var("audiences_lookalike_seed_audience") }}'
        and profiles.country_code is not null

    group by profiles.country_code

),

chosen_country as (

    select
        country_code as seed_country_code,
        member_count

    from member_countries

    {%- if var('audiences_lookalike_country') %}
    where country_code = lower('{{ var("audiences_lookalike_country") }}')
    {%- else %}
        order by member_count desc, country_code asc
        limit 1
    {%- endif %}

),

country_people as (

    select
        country_code,
        count(*) as country_population

    from profiles

    group by country_code

),

seed_audience as (

    select
        '{{ var("audiences_lookalike_seed_audience") }}'
            as seed_audience_key,
        count(*) as definition_count

    from definitions

),

seed as (

    select
        seed_audience.seed_audience_key,
        chosen_country.seed_country_code as country_code,
        coalesce(chosen_country.member_count, 0) as seed_member_count,
        coalesce(country_people.country_population, 0) as country_population,
        case
            when seed_audience.definition_count = 0
                then 'unknown seed audience'
            when
                coalesce(chosen_country.member_count, 0)
                < {{ var('audiences_min_size') }}
                then
                    'seed too small: fewer than {{ var("audiences_min_size") }}'
                    || ' members in one country'
            when
                coalesce(country_people.country_population, 0)
                <= chosen_country.member_count
                then 'nobody else in the country to rank'
            else 'fitted'
        end as lookalike_status

    from seed_audience

    left join chosen_country
        on seed_audience.definition_count >= 0

    left join country_people
        on chosen_country.seed_country_code = country_people.country_code

),

flagged as (

    select
        *,
        lookalike_status = 'fitted' as is_fitted

    from seed

)

select * from flagged
