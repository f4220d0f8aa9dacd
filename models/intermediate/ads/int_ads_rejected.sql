with

validated_ads as (

    select * from {{ ref('int_ads_validated') }}

),

rejected_ads as (

    select * from validated_ads

    where reject_reason is not null

)

select * from rejected_ads
