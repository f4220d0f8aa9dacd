{#- One row per audience of the list: its rule, window and size as of the
    as-of date, with the size band that the quality score uses. An audience
    under var audiences_min_size people is not eligible for targeting. -#}

with

definitions as (

    select * from {{ ref('int_audience_definitions') }}

),

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

size_bands as (

    select * from {{ ref('audiences_size_bands') }}

),

people as (

    select count(*) as person_count
    from {{ ref('int_audience_people_profiles') }}

),

as_of as (

    select * from {{ ref('int_audience_as_of') }}

),

sizes as (

    select
        audience_key,
        count(*) as member_count,
        avg(qualifying_event_count) as mean_qualifying_events

    from memberships

    group by audience_key

),

sized as (

    select
        definitions.audience_key,
        definitions.audience_family,
        definitions.source,
        definitions.event_type,
        definitions.video_seconds,
        definitions.video_percent,
        definitions.retention_days,
        definitions.description,
        as_of.as_of_at,
        as_of.as_of_rule,
        coalesce(sizes.member_count, 0) as member_count,
        {{ safe_divide(
            'coalesce(sizes.member_count, 0)', 'people.person_count'
        ) }} as share_of_people,
        coalesce(sizes.mean_qualifying_events, 0) as mean_qualifying_events

    from definitions

    left join sizes
        on definitions.audience_key = sizes.audience_key

    cross join people

    cross join as_of

),

bands as (

    select
        size_band,
        min_size,
        size_factor,
        lead(min_size) over (order by min_size) as next_min_size

    from size_bands

),

banded as (

    {#- An audience below the smallest band, or below the minimum size, is
        not eligible (size factor 0). -#}
    select
        sized.*,
        coalesce(bands.size_band, 'too_small') as size_band,
        case
            when sized.member_count >= {{ var('audiences_min_size') }}
                then coalesce(bands.size_factor, 0)
            else 0
        end as size_factor,
        coalesce(
            sized.member_count >= {{ var('audiences_min_size') }}
            and bands.size_band is not null,
            false
        ) as is_eligible

    from sized

    left join bands
        on
            sized.member_count >= bands.min_size
            and (
                bands.next_min_size is null
                or sized.member_count < bands.next_min_size
            )

)

select * from banded
