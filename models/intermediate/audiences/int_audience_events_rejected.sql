with

validated_events as (

    select * from {{ ref('int_audience_events_validated') }}

),

rejected_events as (

    select * from validated_events

    where reject_reason is not null

)

select * from rejected_events
