{#- Bad input never vanishes: raw customer rows = clean + rejected. -#}

with

raw_rows as (

    select count(*) as row_count
    from {{ ref('stg_learning_platform__customers') }}

),

clean_rows as (

    select count(*) as row_count from {{ ref('int_customers_cleaned') }}

),

rejected_rows as (

    select count(*) as row_count from {{ ref('int_customers_rejected') }}

)

select
    raw_rows.row_count as raw_row_count,
    clean_rows.row_count as clean_row_count,
    rejected_rows.row_count as rejected_row_count

from raw_rows

cross join clean_rows

cross join rejected_rows

where raw_rows.row_count != clean_rows.row_count + rejected_rows.row_count
