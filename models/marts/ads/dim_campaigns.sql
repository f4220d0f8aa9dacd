with

clean_ads as (

    select * from {{ ref('int_ads_cleaned') }}

),

campaign_totals as (

    select
        campaign_id,
        count(*) as ad_count,
        count(distinct facebook_campaign_id) as facebook_campaign_count,
        count(distinct audience_cell_id) as audience_cell_count,
        cast(sum(impressions) as bigint) as impressions,
        cast(sum(clicks) as bigint) as clicks,
        {{ exact_sum('spend') }} as spend,
        cast(sum(total_conversions) as bigint) as total_conversions,
        cast(sum(approved_conversions) as bigint) as approved_conversions

    from clean_ads

    group by campaign_id

),

campaign_performance as (

    select
        *,
        {{ ad_kpi_columns() }}

    from campaign_totals

)

select * from campaign_performance
