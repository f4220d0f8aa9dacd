{#- Bad input never vanishes: every staged raw row is either clean or
    rejected, never both, never neither. Returns a row when counts differ. -#}

with

raw_rows as (

    select count(*) as row_count from {{ ref('stg_facebook_ads__ads') }}

),

clean_rows as (

    select count(*) as row_count from {{ ref('int_ads_cleaned') }}

),

rejected_rows as (

    select count(*) as row_count from {{ ref('int_ads_rejected') }}

)

select
    raw_rows.row_count as raw_row_count,
    clean_rows.row_count as clean_row_count,
    rejected_rows.row_count as rejected_row_count

from raw_rows

cross join clean_rows

cross join rejected_rows

where raw_rows.row_count != clean_rows.row_count + rejected_rows.row_count
