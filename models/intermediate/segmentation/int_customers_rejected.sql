with

validated_customers as (

    select * from {{ ref('int_customers_validated') }}

),

rejected_customers as (

    select * from validated_customers

    where reject_reason is not null

)

select * from rejected_customers
