with

validated_engagements as (

    select * from {{ ref('int_fan_engagements_validated') }}

),

rejected_engagements as (

    select * from validated_engagements

    where reject_reason is not null

)

select * from rejected_engagements
