{#- `<min> and <max>` for a `between`: the plausible range of event times,
    vars timestamp_min and timestamp_max (inclusive). A time outside it
    (1970 from epoch seconds read as milliseconds, the year 10000) is a
    reject, so one bad row cannot move "now" or a window. -#}
{% macro plausible_time_range() -%}
    cast('{{ var("timestamp_min") }}' as {{ dbt.type_timestamp() }})
    and cast('{{ var("timestamp_max") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
