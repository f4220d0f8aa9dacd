{#- Every clean customer is in exactly one segment: segment sizes add up to
    the clean row count, and so do the customers of dim_customers. -#}

with

clean_rows as (

    select count(*) as row_count from {{ ref('int_customers_cleaned') }}

),

segment_rows as (

    select sum(customer_count) as row_count from {{ ref('dim_segments') }}

),

customer_rows as (

    select count(*) as row_count from {{ ref('dim_customers') }}

)

select
    clean_rows.row_count as clean_row_count,
    segment_rows.row_count as segment_row_count,
    customer_rows.row_count as customer_row_count

from clean_rows

cross join segment_rows

cross join customer_rows

where
    clean_rows.row_count != segment_rows.row_count
    or clean_rows.row_count != customer_rows.row_count
