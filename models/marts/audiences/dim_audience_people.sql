{#- One row per clean person: the profile the marts may show (no personal
    data), how many audiences the person is in, and the audience the
    priority list (seed audiences_priority) assigns: the first audience of
    the list the person belongs to, so campaigns on different audiences do
    not bid against each other for one person. -#}

with

profiles as (

    select * from {{ ref('int_audience_people_profiles') }}

),

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

priority as (

    select * from {{ ref('audiences_priority') }}

),

audience_counts as (

    select
        person_id,
        count(*) as audience_count

    from memberships

    group by person_id

),

prioritised as (

    select
        memberships.person_id,
        memberships.audience_key,
        priority.priority,
        cast(row_number() over (
            partition by memberships.person_id
            order by priority.priority
        ) as {{ dbt.type_bigint() }}) as priority_rank

    from memberships

    inner join priority
        on memberships.audience_key = priority.audience_key

),

people as (

    select
        profiles.person_id,
        profiles.country_code,
        profiles.city_key,
        profiles.gender,
        profiles.age_band,
        coalesce(audience_counts.audience_count, 0) as audience_count,
        prioritised.audience_key as assigned_audience_key,
        cast(prioritised.priority as {{ dbt.type_int() }}) as assigned_priority

    from profiles

    left join audience_counts
        on profiles.person_id = audience_counts.person_id

    left join prioritised
        on
            profiles.person_id = prioritised.person_id
            and prioritised.priority_rank = 1

)

select * from people
