{#- The source's default table is a seed; this ref only orders the DAG so
    `dbt build` loads the seed before staging reads it. -#}
-- depends_on: {{ ref('sample_customers') }}
{%- set customers_path = input_path(var('customers_path')) -%}
{#- A user's file is loaded (a table), so the warehouse never depends on
    the file staying where it was; the sample seed is read through a view. -#}
{{ config(materialized='table' if customers_path else 'view') }}
{%- set customers = source_or_file(
    'learning_platform', 'customers', customers_path
) -%}
{%- do assert_input_shape(
    customers,
    ['minutes_watched', 'CLV', 'region', 'channel'],
    customers_path or 'source learning_platform.customers',
) %}

with

source as (

    select * from {{ customers }}

),

renamed as (

    {#- The file has no id column. The key is the row's position in the
        input (source_row_number, 1 = first data row). -#}
    select
        source_row_number as customer_id,
        malformed_reason,
        malformed_detail,
        {{ dbt.safe_cast('minutes_watched', 'double') }} as minutes_watched,
        coalesce(
            trim({{ dbt.safe_cast('minutes_watched', dbt.type_string()) }}),
            ''
        ) = '' as is_minutes_watched_blank,
        {{ dbt.safe_cast('clv', 'double') }} as customer_lifetime_value,
        {{ dbt.safe_cast('region', 'bigint') }} as region_code,
        {{ dbt.safe_cast('channel', 'bigint') }} as channel_code

    from source

)

select * from renamed
