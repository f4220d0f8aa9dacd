{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'pages_path', 'sample_fan_pages') }}",
) }}
{#- One row per raw page row with its reject reason (null = clean), as in
    every source: a duplicate page id in a user's file becomes rejects
    naming the rows, not a failing test. -#}

with

pages as (

    select * from {{ ref('stg_facebook_pages__pages') }}

),

pages_numbered as (

    {#- copy_number > 1: an exact copy of an earlier row, kept once; the
        copies are rejected as exact_duplicate. -#}
    select
        *,
        row_number() over (
            partition by page_id, page_name, page_kind, malformed_detail
            order by source_row_number
        ) as copy_number

    from pages

),

page_id_counts as (

    {#- Different rows under one id: every copy is rejected. -#}
    select
        page_id,
        count(*) as row_count

    from pages_numbered

    where page_id is not null and copy_number = 1

    group by page_id

),

pages_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        pages.*,
        case
            when pages.malformed_reason is not null
                then pages.malformed_reason
            when pages.copy_number > 1 then 'exact_duplicate'
            when pages.page_id is null then 'null_page_id'
            when page_id_counts.row_count > 1 then 'duplicate_page_id'
            when coalesce(pages.page_name, '') = '' then 'missing_page_name'
            when
                pages.page_kind is null
                or pages.page_kind not in ('show', 'network')
                then 'unknown_page_kind'
        end as reject_reason,
        pages.malformed_detail as reject_detail

    from pages_numbered as pages

    left join page_id_counts
        on pages.page_id = page_id_counts.page_id

),

pages_checked_without_copy_number as (

    select {{ star_except(
        ['copy_number', 'malformed_reason', 'malformed_detail']
    ) }}
    from pages_checked

)

select * from pages_checked_without_copy_number
