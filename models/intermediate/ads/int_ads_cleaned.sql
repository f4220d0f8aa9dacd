with

validated_ads as (

    select * from {{ ref('int_ads_validated') }}

),

clean_ads as (

    select
        ad_id,
        campaign_id,
        facebook_campaign_id,
        age_band,
        gender_code,
        interest_code,
        {{ dbt.concat([
            'age_band', "'|'", 'gender_code', "'|'",
            dbt.safe_cast('interest_code', dbt.type_string()),
        ]) }} as audience_cell_id,
        cast(impressions as bigint) as impressions,
        cast(clicks as bigint) as clicks,
        spend,
        cast(total_conversions as bigint) as total_conversions,
        cast(approved_conversions as bigint) as approved_conversions

    from validated_ads

    where reject_reason is null

)

select * from clean_ads
