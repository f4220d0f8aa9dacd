{#- Every pair of audiences (a before b by key) with the people they share
    and the Jaccard index (shared / in either); a pair with nobody in common
    is a row with 0, so the heat map has every cell. -#}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

audiences as (

    select
        audience_key,
        member_count
    from {{ ref('dim_audiences') }}

),

shared as (

    select
        first_audience.audience_key as audience_key_a,
        second_audience.audience_key as audience_key_b,
        count(*) as shared_count

    from memberships as first_audience

    inner join memberships as second_audience
        on
            first_audience.person_id = second_audience.person_id
            and first_audience.audience_key < second_audience.audience_key

    group by first_audience.audience_key, second_audience.audience_key

),

pairs as (

    select
        audience_a.audience_key as audience_key_a,
        audience_b.audience_key as audience_key_b,
        audience_a.member_count as member_count_a,
        audience_b.member_count as member_count_b,
        coalesce(shared.shared_count, 0) as shared_count

    from audiences as audience_a

    inner join audiences as audience_b
        on audience_a.audience_key < audience_b.audience_key

    left join shared
        on
            audience_a.audience_key = shared.audience_key_a
            and audience_b.audience_key = shared.audience_key_b

),

scored as (

    select
        *,
        {{ safe_divide(
            'shared_count', 'member_count_a + member_count_b - shared_count'
        ) }} as jaccard_index

    from pairs

)

select * from scored
