with

clean_ads as (

    select * from {{ ref('int_ads_cleaned') }}

),

features as (

    {#- Only what is known before a conversion happens. Categories are text
        so the model one-hot encodes them; counts are log-scaled. -#}
    select
        ad_id,
        ln(1 + impressions) as feature_log_impressions,
        ln(1 + clicks) as feature_log_clicks,
        ln(1 + spend) as feature_log_spend,
        age_band,
        gender_code,
        {{ dbt.safe_cast('interest_code', dbt.type_string()) }}
            as interest_code,
        {{ dbt.safe_cast('campaign_id', dbt.type_string()) }} as campaign_id,
        total_conversions,
        approved_conversions

    from clean_ads

)

select * from features
