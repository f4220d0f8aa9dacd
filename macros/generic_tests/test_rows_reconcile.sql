{#- Bad input never vanishes: the model's rows (raw, staged) equal the rows
    of `clean_model` plus the rows of `rejected_model`. Returns one row with
    the three counts when they do not add up. -#}
{% test rows_reconcile(model, clean_model, rejected_model) %}

with

raw_rows as (

    select count(*) as row_count from {{ model }}

),

clean_rows as (

    select count(*) as row_count from {{ clean_model }}

),

rejected_rows as (

    select count(*) as row_count from {{ rejected_model }}

)

select
    raw_rows.row_count as raw_row_count,
    clean_rows.row_count as clean_row_count,
    rejected_rows.row_count as rejected_row_count

from raw_rows

cross join clean_rows

cross join rejected_rows

where raw_rows.row_count != clean_rows.row_count + rejected_rows.row_count

{% endtest %}
