{#- The source's default table is a seed; this ref only orders the DAG so
    `dbt build` loads the seed before staging reads it. -#}
-- depends_on: {{ ref('sample_facebook_ads') }}
{%- set ads_path = input_path(var('ads_path')) -%}
{#- A user's file is loaded (a table), so the warehouse never depends on
    the file staying where it was; the sample seed is read through a view. -#}
{{ config(materialized='table' if ads_path else 'view') }}
{%- set ads = source_or_file('facebook_ads', 'ads', ads_path) -%}
{#- var ads_id_column: the id column, or empty when the file has none (each
    row's number is then its id). -#}
{%- set id_column = var('ads_id_column') or '' -%}
{%- do assert_input_shape(
    ads,
    ([id_column] if id_column else []) + [
        'xyz_campaign_id', 'fb_campaign_id', 'age', 'gender',
        'interest', 'Impressions', 'Clicks', 'Spent', 'Total_Conversion',
        'Approved_Conversion',
    ],
    ads_path or 'source facebook_ads.ads',
) %}

with

source as (

    select * from {{ ads }}

),

renamed as (

    {#- Counts are cast to double, not bigint: a cast to bigint would round
        1.5 to 2 silently. int_ads_validated rejects fractions.
        source_row_number: the row's position in the input, the key of
        the validation model; malformed_*: set for an unreadable line. -#}
    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {% if id_column -%}
            {{ dbt.safe_cast(adapter.quote(id_column), 'bigint') }}
        {%- else -%}
            source_row_number
        {%- endif %} as ad_id,
        {{ dbt.safe_cast('xyz_campaign_id', 'bigint') }} as campaign_id,
        {{ dbt.safe_cast('fb_campaign_id', 'bigint') }}
            as facebook_campaign_id,
        {#- Text columns: a missing-value token (macro missing_as_null) is
            null, so a `NA` gender is unknown_gender, never a code. -#}
        trim({{ missing_as_null('age') }}) as age_band,
        upper(trim({{ missing_as_null('gender') }})) as gender_code,
        {{ dbt.safe_cast('interest', 'bigint') }} as interest_code,
        {{ dbt.safe_cast('impressions', 'double') }} as impressions,
        {{ dbt.safe_cast('clicks', 'double') }} as clicks,
        {{ dbt.safe_cast('spent', 'double') }} as spend,
        {{ dbt.safe_cast('total_conversion', 'double') }}
            as total_conversions,
        {{ dbt.safe_cast('approved_conversion', 'double') }}
            as approved_conversions

    from source

)

select * from renamed
