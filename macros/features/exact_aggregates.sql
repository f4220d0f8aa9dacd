{#- sum and avg of a floating-point expression that give the same bits in
    every build: each value is cast to decimal(38, 12) (rounded to 12
    decimals, the stored precision of such figures) and summed exactly, so
    the order in which parallel threads add them cannot change the last
    bits, as it does for a double sum. The result is a double. -#}
{% macro exact_sum(expression) -%}
    cast(sum(cast({{ expression }} as decimal(38, 12))) as double)
{%- endmacro %}

{% macro exact_avg(expression) -%}
    cast(avg(cast({{ expression }} as decimal(38, 12))) as double)
{%- endmacro %}
