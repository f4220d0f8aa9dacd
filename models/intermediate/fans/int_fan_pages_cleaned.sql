with

validated_pages as (

    select * from {{ ref('int_fan_pages_validated') }}

),

clean_pages as (

    select
        page_id,
        page_name,
        page_kind

    from validated_pages

    where reject_reason is null

)

select * from clean_pages
