{{ config(materialized='table') }}
{#- A table: both Python models of the clustering read it. -#}
{#- Counts are integer-valued (validated), so a plain double sum is exact
    and the same in every build; spend needs exact_sum. -#}

with

clean_ads as (

    select * from {{ ref('int_ads_cleaned') }}

),

cells as (

    select
        audience_cell_id,
        age_band,
        gender_code,
        interest_code,
        count(*) as ad_count,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        {{ exact_sum('spend') }} as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from clean_ads

    group by audience_cell_id, age_band, gender_code, interest_code

),

all_cells as (

    select
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        {{ exact_sum('spend') }} as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from cells

),

cells_with_features as (

    {#- Clustering features. Rates are shrunk toward the all-cells rate as if
        each cell had `ads_cluster_prior_impressions` more impressions at the
        average rate, so a tiny cell with one lucky sale does not look like
        the best audience. Never null, so the fit never sees a gap. -#}
    {%- set prior = var('ads_cluster_prior_impressions') %}
    select
        cells.*,
        ln(1 + cells.impressions) as feature_log_impressions,
        {% for measure, feature, scale in [
            ('clicks', 'feature_click_through_rate', 1),
            ('spend', 'feature_cost_per_mille', 1000),
            ('total_conversions', 'feature_conversions_per_mille', 1000),
            ('approved_conversions', 'feature_approved_conversions_per_mille',
                1000),
        ] -%}
        {%- set overall_rate = safe_divide(
            'all_cells.' ~ measure, 'all_cells.impressions') %}
            {{ scale }} * coalesce(
            {{ safe_divide(
                'cells.' ~ measure ~ ' + ' ~ prior ~ ' * ' ~ overall_rate,
                'cells.impressions + ' ~ prior
            ) }},
                0
            ) as {{ feature }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from cells

    cross join all_cells

)

select * from cells_with_features
