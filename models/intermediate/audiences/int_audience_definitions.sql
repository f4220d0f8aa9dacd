{{ config(
    materialized='table',
    post_hook="{{ assert_audience_definitions(this) }}",
) }}
{#- The audience list (seed audiences_definitions, or your own CSV or
    Parquet file in its columns through var audience_definitions_path: one
    row per audience) with a `problem` per row that breaks the platform's
    rules; the post-hook fails the build naming each such audience. -#}
{%- set definitions_path = input_path(var('audience_definitions_path')) -%}
{%- set seed = ref('audiences_definitions') -%}
{#- A key names the export's files: no path separator, no `..`. -#}
{%- set key_is_valid = regex_full_match(
    'definitions.audience_key', '[A-Za-z0-9_-]{1,100}'
) -%}

with

definitions as (

    {%- if definitions_path %}
    {%- set rows = read_data_file(definitions_path, 'audience_definitions') %}
    {%- do assert_input_shape(
        rows,
        ['audience_key', 'audience_family', 'source', 'event_type',
         'video_seconds', 'video_percent', 'retention_days', 'description'],
        definitions_path,
    ) %}
    {#- Text columns: a missing-value token is null (missing_as_null). -#}
    select
        trim({{ missing_as_null('audience_key') }}) as audience_key,
        trim({{ missing_as_null('audience_family') }}) as audience_family,
        lower(trim({{ missing_as_null('source') }})) as source,
        lower(trim({{ missing_as_null('event_type') }})) as event_type,
        {{ dbt.safe_cast('video_seconds', dbt.type_int()) }} as video_seconds,
        {{ dbt.safe_cast('video_percent', dbt.type_int()) }} as video_percent,
        {{ dbt.safe_cast('retention_days', dbt.type_int()) }}
            as retention_days,
        {{ missing_as_null('description') }} as description,
        malformed_detail
    from {{ rows }}
    {%- else %}
        select
            *,
            cast(null as {{ dbt.type_string() }}) as malformed_detail
        from {{ seed }}
    {%- endif %}

),

event_types as (

    select * from {{ ref('audiences_event_types') }}

),

key_counts as (

    select
        audience_key,
        count(*) as row_count

    from definitions

    group by audience_key

),

checked as (

    select
        definitions.audience_key,
        definitions.audience_family,
        definitions.source,
        nullif(trim(definitions.event_type), '') as event_type,
        definitions.video_seconds,
        definitions.video_percent,
        definitions.retention_days,
        definitions.description,
        case
            when definitions.malformed_detail is not null
                then 'unreadable line: ' || definitions.malformed_detail
            when coalesce(definitions.audience_key, '') = ''
                then 'audience_key is missing'
            when key_counts.row_count > 1 then 'the audience key is not unique'
            when not {{ key_is_valid }}
                then
                    'audience_key may hold only letters, digits, _ and -'
                    || ' (up to 100; it names the export files)'
            when
                definitions.source not in (
                    'website', 'video', 'facebook', 'instagram'
                )
                then 'source must be website, video, facebook or instagram'
            when definitions.retention_days is null
                then 'retention_days is missing'
            when
                definitions.source = 'website'
                and definitions.retention_days not between 1 and 180
                then 'retention_days must be 1 to 180 for a website audience'
            when definitions.retention_days not between 1 and 365
                then
                    'retention_days must be 1 to 365 for an engagement'
                    || ' audience (video, Facebook, Instagram)'
            when
                definitions.source = 'video'
                and definitions.video_seconds is null
                and definitions.video_percent is null
                then 'a video audience needs video_seconds or video_percent'
            when
                definitions.video_seconds is not null
                and definitions.video_percent is not null
                then 'give video_seconds or video_percent, not both'
            when definitions.video_seconds not in (3, 10, 15)
                then 'video_seconds must be 3, 10 or 15'
            when definitions.video_percent not in (25, 50, 75, 95)
                then 'video_percent must be 25, 50, 75 or 95'
            when
                definitions.source != 'video'
                and (
                    definitions.video_seconds is not null
                    or definitions.video_percent is not null
                )
                then 'only a video audience takes a watch threshold'
            when
                nullif(trim(definitions.event_type), '') is not null
                and event_types.event_type is null
                then
                    'event_type is not an event type of its source'
                    || ' (seed audiences_event_types)'
        end as problem

    from definitions

    left join key_counts
        on definitions.audience_key = key_counts.audience_key

    left join event_types
        on
            definitions.source = event_types.source
            and trim(definitions.event_type) = event_types.event_type

)

select * from checked
