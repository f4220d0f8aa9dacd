{#- The per-ad, per-campaign and per-cell marts are built from the same
    clean ads: their totals must agree. Returns a row when any differs. -#}

with

ads as (

    select
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(spend) as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from {{ ref('fct_ad_performance') }}

),

campaigns as (

    select
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(spend) as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from {{ ref('dim_campaigns') }}

),

cells as (

    select
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(spend) as spend,
        sum(total_conversions) as total_conversions,
        sum(approved_conversions) as approved_conversions

    from {{ ref('dim_audience_cells') }}

)

select
    ads.impressions as ad_impressions,
    campaigns.impressions as campaign_impressions,
    cells.impressions as cell_impressions

from ads

cross join campaigns

cross join cells

where
    ads.impressions != campaigns.impressions
    or ads.impressions != cells.impressions
    or ads.clicks != campaigns.clicks
    or ads.clicks != cells.clicks
    or ads.total_conversions != campaigns.total_conversions
    or ads.total_conversions != cells.total_conversions
    or ads.approved_conversions != campaigns.approved_conversions
    or ads.approved_conversions != cells.approved_conversions
    or abs(ads.spend - campaigns.spend) > 0.001
    or abs(ads.spend - cells.spend) > 0.001
