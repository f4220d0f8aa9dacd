with

validated_people as (

    select * from {{ ref('int_audience_people_validated') }}

),

rejected_people as (

    select * from validated_people

    where reject_reason is not null

)

select * from rejected_people
