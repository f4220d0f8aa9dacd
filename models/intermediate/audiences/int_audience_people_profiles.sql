{#- What the marts and the lookalike may know about a person: country,
    city (normalised), gender and age band as of the as-of date; never the
    personal fields themselves. -#}

with

normalised as (

    select * from {{ ref('int_audience_people_normalised') }}

),

as_of as (

    select * from {{ ref('int_audience_as_of') }}

),

aged as (

    select
        normalised.person_id,
        case
            when normalised.country_status = 'valid'
                then normalised.country_normalised
        end as country_code,
        case
            when normalised.city_status = 'valid'
                then normalised.city_normalised
        end as city_key,
        normalised.gender_normalised as gender,
        case
            when normalised.date_of_birth_status = 'valid'
                then floor(
                    {{ dbt.datediff(
                        'normalised.date_of_birth', 'as_of.as_of_at', 'day'
                    ) }} / 365.25
                )
        end as age_years

    from normalised

    cross join as_of

),

banded as (

    select
        person_id,
        country_code,
        city_key,
        gender,
        case
            when age_years is null or age_years < 18 then 'unknown'
            when age_years < 25 then '18-24'
            when age_years < 35 then '25-34'
            when age_years < 45 then '35-44'
            when age_years < 55 then '45-54'
            when age_years < 65 then '55-64'
            else '65+'
        end as age_band

    from aged

)

select * from banded
