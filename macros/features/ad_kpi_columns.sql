{#- The ad KPI columns, from summed base measures. Used by every ads KPI mart
    so the formulas exist once; see the `ads_kpi_*` doc blocks. -#}
{% macro ad_kpi_columns(
    impressions='impressions',
    clicks='clicks',
    spend='spend',
    total_conversions='total_conversions',
    approved_conversions='approved_conversions'
) -%}
    {{ safe_divide(clicks, impressions) }} as click_through_rate,
    {{ safe_divide(spend, clicks) }} as cost_per_click,
    1000 * {{ safe_divide(spend, impressions) }} as cost_per_mille,
    {{ safe_divide(total_conversions, clicks) }} as conversion_rate,
    {{ safe_divide(spend, total_conversions) }} as cost_per_conversion,
    {{ safe_divide(spend, approved_conversions) }}
        as cost_per_approved_conversion,
    {{ safe_divide(approved_conversions, total_conversions) }} as approval_rate
{%- endmacro %}
