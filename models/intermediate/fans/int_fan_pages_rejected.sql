with

validated_pages as (

    select * from {{ ref('int_fan_pages_validated') }}

),

rejected_pages as (

    select * from validated_pages

    where reject_reason is not null

)

select * from rejected_pages
