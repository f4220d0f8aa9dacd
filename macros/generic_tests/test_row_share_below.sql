{#- Fails when the model's row count exceeds `max_share` times the row count
    of `compare_model` (e.g. rejects as a share of raw rows). Use with
    severity warn for a threshold that should alert, not stop. -#}
{% test row_share_below(model, compare_model, max_share) %}

with

model_rows as (

    select count(*) as row_count from {{ model }}

),

compare_rows as (

    select count(*) as row_count from {{ compare_model }}

)

select
    model_rows.row_count as model_row_count,
    compare_rows.row_count as compare_row_count
from model_rows
cross join compare_rows
where model_rows.row_count > {{ max_share }} * compare_rows.row_count

{% endtest %}
