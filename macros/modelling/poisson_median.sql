{#- Median of a Poisson distribution with mean `expected`:
    floor(mu + 1/3 - 0.02 / mu), clipped at 0 (Choi, 1994). The same
    formula as audience_warehouse.core.glm.poisson_median. -#}
{#- A double on every engine (Spark's floor gives a bigint). -#}
{% macro poisson_median(expected) -%}
    case
        when ({{ expected }}) > 0
            then greatest(cast(
                floor(({{ expected }}) + 1.0 / 3 - 0.02 / ({{ expected }}))
                as double
            ), 0)
        else 0
    end
{%- endmacro %}
