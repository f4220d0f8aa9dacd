{%- set video_max_seconds = var('audiences_video_max_seconds') -%}
{#- Each source: its staging model, its path var, the column holding the
    event type (video views have one type), and its time column. -#}
{%- set sources = {
    'website': ('stg_restaurant__website_events', 'website_events_path',
                'page_type', 'visited_at'),
    'video': ('stg_restaurant__video_views', 'video_views_path',
              "'video_view'", 'viewed_at'),
    'facebook': ('stg_restaurant__facebook_actions', 'facebook_actions_path',
                 'action_type', 'acted_at'),
    'instagram': ('stg_restaurant__instagram_actions',
                  'instagram_actions_path', 'action_type', 'acted_at'),
} -%}
{%- set hooks = [] -%}
{%- for event_source, source in sources.items() -%}
    {%- do hooks.append(
        "{{ fail_if_mostly_rejected('(select reject_reason from ' ~ this ~ "
        ~ "\" where event_source = '" ~ event_source ~ "') as events\", '"
        ~ source[1] ~ "', 'the " ~ event_source ~ " events sample') }}"
    ) -%}
{%- endfor -%}
{%- set staging = {} -%}
{%- for event_source, source in sources.items() -%}
    {%- do staging.update({event_source: source[0]}) -%}
{%- endfor -%}
{{ config(
    materialized=event_materialization(['website_events_path', 'video_views_path',
        'facebook_actions_path', 'instagram_actions_path']),
    incremental_strategy='append',
    meta={'incremental_state': {
        'vars': ['website_events_path', 'video_views_path',
                 'facebook_actions_path', 'instagram_actions_path',
                 'timestamp_min', 'timestamp_max'],
        'refs': ['audiences_event_types'],
        'upstream': ['stg_restaurant__website_events',
                     'stg_restaurant__video_views',
                     'stg_restaurant__facebook_actions',
                     'stg_restaurant__instagram_actions'],
    }},
    pre_hook="{{ incremental_reset(reset_when=audience_events_changed("
        ~ tojson(staging) ~ ")) }}",
    post_hook=["{{ incremental_record() }}"] + hooks,
) }}
{#- Every raw event of the four sources in one shape, with its reject
    reason (null = clean): event_source says which source, and
    source_row_number is the row in that source. Incremental
    (macros/incremental): each source's rows past the last loaded position
    are checked and appended; the raw events (possibly tens of millions)
    are read and checked once. -#}

with

events as (

    {%- for event_source, source in sources.items() %}
        select
            '{{ event_source }}' as event_source,
            source_row_number,
            malformed_reason,
            malformed_detail,
            person_id,
            {{ source[2] }} as event_type,
            {{ source[3] }} as event_at,
            {%- if event_source == 'video' %}
                video_id,
                seconds_watched,
                video_length_seconds
            {%- else %}
                cast(null as {{ dbt.type_string() }}) as video_id,
                cast(null as double) as seconds_watched,
                cast(null as double) as video_length_seconds
            {%- endif %}
        from {{ ref(source[0]) }}
        {%- if is_incremental() %}
        where source_row_number > {{ incremental_watermark(
            'source_row_number', "event_source = '" ~ event_source ~ "'"
        ) }}
        {%- endif %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

event_types as (

    select * from {{ ref('audiences_event_types') }}

),

people as (

    select person_id from {{ ref('int_audience_people_cleaned') }}

),
{%- if is_incremental() %}

earlier_copies as (

    {#- Rows already loaded that a new row may copy. Only a row that passed
        every earlier rule can be an exact_duplicate, and no loaded row has
        a malformed_detail (that resets the model): the video columns are
        compared through values no such row holds. -#}
    select
        event_source,
        person_id,
        event_type,
        event_at,
        coalesce(video_id, '') as video_key,
        coalesce(seconds_watched, -1) as seconds_key,
        coalesce(video_length_seconds, -1) as length_key,
        count(*) as earlier_count

    from {{ this }}

    where person_id in (select new_events.person_id from events as new_events)

    group by
        event_source,
        person_id,
        event_type,
        event_at,
        coalesce(video_id, ''),
        coalesce(seconds_watched, -1),
        coalesce(video_length_seconds, -1)

),
{%- endif %}

events_numbered as (

    {#- Exact copies of an earlier row of the same source: double loads.
        An incremental run counts the copies already loaded too. -#}
    select
        events.*,
        row_number() over (
            partition by
                events.event_source,
                events.person_id,
                events.event_type,
                events.event_at,
                events.video_id,
                events.seconds_watched,
                events.video_length_seconds,
                events.malformed_detail
            order by events.source_row_number
        ) as occurrence,
        {% if is_incremental() -%}
            coalesce(earlier_copies.earlier_count, 0)
        {%- else -%}
            0
        {%- endif %} as earlier_count

    from events
    {%- if is_incremental() %}

    left join earlier_copies
        on
            events.event_source = earlier_copies.event_source
            and events.person_id = earlier_copies.person_id
            and events.event_type = earlier_copies.event_type
            and events.event_at = earlier_copies.event_at
            and coalesce(events.video_id, '') = earlier_copies.video_key
            and coalesce(events.seconds_watched, -1) = earlier_copies.seconds_key
            and coalesce(events.video_length_seconds, -1)
            = earlier_copies.length_key
            and events.malformed_detail is null
    {%- endif %}

),

events_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        events.event_source,
        events.source_row_number,
        events.person_id,
        events.event_type,
        events.event_at,
        events.video_id,
        events.seconds_watched,
        events.video_length_seconds,
        case
            when events.malformed_reason is not null
                then events.malformed_reason
            when events.person_id is null then 'null_person_id'
            when events.event_at is null then 'invalid_event_at'
            when events.event_at not between {{ plausible_time_range() }}
                then 'implausible_event_at'
            when event_types.event_type is null then 'unknown_event_type'
            when
                events.event_source = 'video'
                and coalesce(events.video_id, '') = ''
                then 'null_video_id'
            when
                events.event_source = 'video'
                and not coalesce(events.video_length_seconds > 0, false)
                then 'invalid_video_length'
            when
                events.event_source = 'video'
                and not coalesce(events.seconds_watched >= 0, false)
                then 'invalid_seconds_watched'
            when
                events.video_length_seconds > {{ video_max_seconds }}
                or events.seconds_watched > {{ video_max_seconds }}
                then 'implausible_value'
            when events.seconds_watched > events.video_length_seconds
                then 'watched_beyond_length'
            when people.person_id is null then 'unknown_person'
            when events.occurrence + events.earlier_count > 1
                then 'exact_duplicate'
        end as reject_reason,
        events.malformed_detail as reject_detail

    from events_numbered as events

    left join event_types
        on
            events.event_source = event_types.source
            and events.event_type = event_types.event_type

    left join people
        on events.person_id = people.person_id

)

select * from events_checked
