{#- Membership of every audience as of the as-of time, for BI: one row per
    audience and person (computed in int_audience_memberships). -#}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

)

select * from memberships
