with

clean_ads as (

    select * from {{ ref('int_ads_cleaned') }}

),

ad_performance as (

    select
        ad_id,
        campaign_id,
        facebook_campaign_id,
        audience_cell_id,
        age_band,
        gender_code,
        interest_code,
        impressions,
        clicks,
        spend,
        total_conversions,
        approved_conversions,
        {{ ad_kpi_columns() }}

    from clean_ads

)

select * from ad_performance
