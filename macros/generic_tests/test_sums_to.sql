{#- Fails when the sum of `column_name` (per `group_by` columns, if given)
    differs from `total` by more than `tolerance`. -#}
{% test sums_to(model, column_name, total=1, group_by=[], tolerance=0.000001) %}

select
    {% for column in group_by %}{{ column }}, {% endfor %}
    sum({{ column_name }}) as column_sum
from {{ model }}
{% if group_by %}group by {{ group_by | join(', ') }}{% endif %}
having abs(coalesce(sum({{ column_name }}), 0) - {{ total }}) > {{ tolerance }}

{% endtest %}
