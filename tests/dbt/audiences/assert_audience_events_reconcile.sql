{#- Bad input never vanishes: per event source, the staged raw rows equal
    the clean rows plus the rejected rows. Returns the sources that do not
    add up. -#}

with

raw_rows as (

    select
        'website' as event_source,
        count(*) as row_count
    from {{ ref('stg_restaurant__website_events') }}
    union all
    select
        'video' as event_source,
        count(*) as row_count
    from {{ ref('stg_restaurant__video_views') }}
    union all
    select
        'facebook' as event_source,
        count(*) as row_count
    from {{ ref('stg_restaurant__facebook_actions') }}
    union all
    select
        'instagram' as event_source,
        count(*) as row_count
    from {{ ref('stg_restaurant__instagram_actions') }}

),

clean_rows as (

    select
        event_source,
        count(*) as row_count

    from {{ ref('int_audience_events_cleaned') }}

    group by event_source

),

rejected_rows as (

    select
        event_source,
        count(*) as row_count

    from {{ ref('int_audience_events_rejected') }}

    group by event_source

)

select
    raw_rows.event_source,
    raw_rows.row_count as raw_row_count,
    coalesce(clean_rows.row_count, 0) as clean_row_count,
    coalesce(rejected_rows.row_count, 0) as rejected_row_count

from raw_rows

left join clean_rows
    on raw_rows.event_source = clean_rows.event_source

left join rejected_rows
    on raw_rows.event_source = rejected_rows.event_source

where
    raw_rows.row_count
    != coalesce(clean_rows.row_count, 0) + coalesce(rejected_rows.row_count, 0)
