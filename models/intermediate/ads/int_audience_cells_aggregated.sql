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
        sum(spend) as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from clean_ads

    group by audience_cell_id, age_band, gender_code, interest_code

),

cells_with_features as (

    {#- Clustering features: defined for every cell (0 when a cell has no
        impressions), so the fit never sees a null. -#}
    select
        *,
        ln(1 + impressions) as feature_log_impressions,
        coalesce({{ safe_divide('clicks', 'impressions') }}, 0)
            as feature_click_through_rate,
        coalesce(1000 * {{ safe_divide('spend', 'impressions') }}, 0)
            as feature_cost_per_mille,
        coalesce(1000 * {{ safe_divide('total_conversions', 'impressions') }}, 0)
            as feature_conversions_per_mille,
        coalesce(
            1000 * {{ safe_divide('approved_conversions', 'impressions') }}, 0
        ) as feature_approved_conversions_per_mille

    from cells

)

select * from cells_with_features
