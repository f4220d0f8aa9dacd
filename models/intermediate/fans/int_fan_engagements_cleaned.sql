with

validated_engagements as (

    select * from {{ ref('int_fan_engagements_validated') }}

),

clean_engagements as (

    select
        engagement_id,
        user_id,
        page_id,
        post_id,
        engagement_type,
        engaged_at

    from validated_engagements

    where reject_reason is null

)

select * from clean_engagements
