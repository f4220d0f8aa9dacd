{#- The source's default table is a seed; this ref only orders the DAG. -#}
-- depends_on: {{ ref('sample_audience_facebook_actions') }}
{%- set events_path = input_path(var('facebook_actions_path')) -%}
{%- set events = source_or_file(
    'restaurant', 'facebook_actions', events_path
) -%}
{%- set columns = ['person_id', 'action_type', 'acted_at'] -%}
{%- do assert_input_shape(
    events,
    columns,
    events_path or 'source restaurant.facebook_actions',
) %}
{#- Loaded incrementally from a user's file (macros/incremental). -#}
{{ incremental_input(
    events, events_path, 'facebook_actions_path', columns
) }}

with

source as (

    select * from {{ events }}

),

renamed as (

    select
        source_row_number,
        malformed_reason,
        malformed_detail,
        {{ raw_row_hash(columns) }} as raw_row_hash,
        {{ dbt.safe_cast('person_id', 'bigint') }} as person_id,
        lower(trim({{ missing_as_null('action_type') }})) as action_type,
        {{ parse_timestamp('acted_at') }} as acted_at

    from source
    {{ incremental_input_rows() }}

)

select * from renamed
