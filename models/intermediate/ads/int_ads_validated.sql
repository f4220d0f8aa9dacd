{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'ads_path', 'sample_facebook_ads') }}",
) }}
{#- Exact copies compare every staged value; without an id column (var
    ads_id_column empty) the id is the row number, so by content only. -#}
{%- set staged_columns = (['ad_id'] if var('ads_id_column') else []) + [
    'campaign_id', 'facebook_campaign_id', 'age_band', 'gender_code',
    'interest_code', 'impressions', 'clicks', 'spend', 'total_conversions',
    'approved_conversions', 'malformed_detail',
] -%}
{#- A table, not a view: the raw input (possibly a large user file) is read
    once here, and both int_ads_cleaned and int_ads_rejected filter it. -#}

with

ads as (

    select * from {{ ref('stg_facebook_ads__ads') }}

),

age_bands as (

    select * from {{ ref('ads_age_bands') }}

),

genders as (

    select * from {{ ref('ads_genders') }}

),

excluded_ads as (

    select * from {{ ref('ads_excluded_ads') }}

),

ads_numbered as (

    {#- copy_number > 1: an exact copy of an earlier row (every staged value
        equal), a double load: one copy is kept, the rest rejected. -#}
    select
        *,
        row_number() over (
            partition by
                {{ staged_columns | join(', ') }}
            order by source_row_number
        ) as copy_number

    from ads

),

ad_id_counts as (

    {#- Different rows under one id: every copy is rejected (which is
        right is unknown). -#}
    select
        ad_id,
        count(*) as row_count

    from ads_numbered

    where ad_id is not null and copy_number = 1

    group by ad_id

),

ads_checked as (

    {#- The first failing rule names the row's reason, so each raw row is
        counted once: raw rows = clean rows + rejected rows. -#}
    select
        ads.*,
        case
            when ads.malformed_reason is not null then ads.malformed_reason
            when ads.copy_number > 1 then 'exact_duplicate'
            when ads.ad_id is null then 'null_ad_id'
            when ad_id_counts.row_count > 1 then 'duplicate_ad_id'
            when excluded_ads.ad_id is not null then 'manually_excluded'
            when
                ads.campaign_id is null
                or ads.facebook_campaign_id is null
                then 'missing_campaign_id'
            when ads.interest_code is null then 'missing_interest_code'
            when
                ads.impressions is null
                or ads.clicks is null
                or ads.total_conversions is null
                or ads.approved_conversions is null
                then 'missing_or_invalid_count'
            when ads.spend is null then 'missing_or_invalid_spend'
            when
                ads.impressions != floor(ads.impressions)
                or ads.clicks != floor(ads.clicks)
                or ads.total_conversions != floor(ads.total_conversions)
                or ads.approved_conversions
                != floor(ads.approved_conversions)
                then 'non_integer_count'
            when
                ads.impressions < 0
                or ads.clicks < 0
                or ads.total_conversions < 0
                or ads.approved_conversions < 0
                then 'negative_count'
            when ads.spend < 0 then 'negative_spend'
            {#- Finite but absurd (1e300, 2^63): would overflow sums or
                swamp a model. Limits per column: var ads_plausible_max. -#}
            when
                ads.impressions > {{ var('ads_plausible_max')['impressions'] }}
                or ads.clicks > {{ var('ads_plausible_max')['clicks'] }}
                or ads.spend > {{ var('ads_plausible_max')['spend'] }}
                or ads.total_conversions
                > {{ var('ads_plausible_max')['conversions'] }}
                or ads.approved_conversions
                > {{ var('ads_plausible_max')['conversions'] }}
                then 'implausible_value'
            when ads.clicks > ads.impressions then 'clicks_exceed_impressions'
            when ads.approved_conversions > ads.total_conversions
                then 'approved_exceed_total'
            when age_bands.age_band is null then 'unknown_age_band'
            when genders.gender_code is null then 'unknown_gender'
        end as reject_reason,
        coalesce(ads.malformed_detail, excluded_ads.reason) as reject_detail

    from ads_numbered as ads

    left join ad_id_counts
        on ads.ad_id = ad_id_counts.ad_id

    left join excluded_ads
        on ads.ad_id = excluded_ads.ad_id

    left join age_bands
        on ads.age_band = age_bands.age_band

    left join genders
        on ads.gender_code = genders.gender_code

),

ads_checked_without_copy_number as (

    select {{ star_except(
        ['copy_number', 'malformed_reason', 'malformed_detail']
    ) }}
    from ads_checked

)

select * from ads_checked_without_copy_number
