{#- Squared Euclidean distance, in standardised units, between a row and a
    centroid row of fitted KMeans parameters (audience_warehouse.core.
    parameters.centroid_rows): sum over features f of
    ((row.f - centroid.f__mean) / centroid.f__scale - centroid.f__centroid)^2.
    0 when `features` is empty (while parsing). -#}
{% macro squared_distance(features, row_alias, centroid_alias) -%}
    {%- for feature in features %}
        power(
            ({{ row_alias }}.{{ feature }} - {{ centroid_alias }}.{{ feature }}__mean)
            / {{ centroid_alias }}.{{ feature }}__scale
            - {{ centroid_alias }}.{{ feature }}__centroid,
            2
        ){% if not loop.last %} +{% endif %}
    {%- else -%}
        0
    {%- endfor %}
{%- endmacro %}
