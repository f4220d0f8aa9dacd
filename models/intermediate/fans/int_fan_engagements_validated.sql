{{ config(
    materialized=event_materialization(['engagements_path']),
    incremental_strategy='append',
    meta={'incremental_state': {
        'vars': ['engagements_path', 'timestamp_min', 'timestamp_max'],
        'refs': ['fans_engagement_types'],
        'upstream': ['stg_facebook_pages__engagements'],
    }},
    pre_hook="{{ incremental_reset(reset_when=
        '(select count(*) from ' ~ ref('stg_facebook_pages__engagements')
        ~ ') < (select count(*) from ' ~ this ~ ') or exists (select 1 from '
        ~ this ~ ' where reject_detail is not null)') }}",
    post_hook=[
        "{{ incremental_record() }}",
        "{{ fail_if_mostly_rejected(this, 'engagements_path', 'sample_fan_engagements') }}",
    ],
) }}
{#- Incremental (macros/incremental): raw rows past the last loaded
    position are checked and appended; the raw events (possibly tens of
    millions) are read and checked once. int_fan_engagements_cleaned and
    _rejected are its two halves. It is recomputed whole when its vars,
    code or the engagement types change, when the input has fewer rows than
    are loaded (replaced, not appended), or when lines unreadable in a CSV
    were loaded (they are numbered after the readable rows, so appending
    renumbers them). A page or post that changes later does not re-check
    events already loaded: `--full-refresh` does. -#}

with

engagements as (

    select * from {{ ref('stg_facebook_pages__engagements') }}

),

pages as (

    select * from {{ ref('int_fan_pages_cleaned') }}

),

posts as (

    select * from {{ ref('int_fan_posts_cleaned') }}

),

engagement_types as (

    select * from {{ ref('fans_engagement_types') }}

),

new_engagements as (

    select * from engagements
    {%- if is_incremental() %}

    where engagement_id > {{ incremental_watermark('engagement_id') }}
    {%- endif %}

),
{%- if is_incremental() %}

earlier_copies as (

    {#- Rows already loaded that a new row may copy (only a row with every
        key set can be an exact_duplicate; earlier rules catch the rest). -#}
    select
        user_id,
        page_id,
        post_id,
        engagement_type,
        engaged_at,
        count(*) as earlier_count

    from {{ this }}

    where user_id in (select new_engagements.user_id from new_engagements)

    group by user_id, page_id, post_id, engagement_type, engaged_at

),
{%- endif %}

numbered as (

    {#- Exact copies of an earlier row (user, page, post, type, time) are
        double loads: the first (by position in the file) is kept, the
        others rejected as exact_duplicate, as in every source. An
        incremental run counts the copies already loaded too. -#}
    select
        new_engagements.*,
        row_number() over (
            partition by
                new_engagements.user_id,
                new_engagements.page_id,
                new_engagements.post_id,
                new_engagements.engagement_type,
                new_engagements.engaged_at,
                new_engagements.malformed_detail
            order by new_engagements.engagement_id
        ) as occurrence,
        {% if is_incremental() -%}
            coalesce(earlier_copies.earlier_count, 0)
        {%- else -%}
            0
        {%- endif %} as earlier_count

    from new_engagements
    {%- if is_incremental() %}

    left join earlier_copies
        on
            new_engagements.user_id = earlier_copies.user_id
            and new_engagements.page_id = earlier_copies.page_id
            and new_engagements.post_id = earlier_copies.post_id
            and new_engagements.engagement_type = earlier_copies.engagement_type
            and new_engagements.engaged_at = earlier_copies.engaged_at
            and new_engagements.malformed_detail is null
    {%- endif %}

),

engagements_checked as (

    {#- The first failing rule names the reason; each raw row counts once. -#}
    select
        numbered.engagement_id,
        numbered.user_id,
        numbered.page_id,
        numbered.post_id,
        numbered.engagement_type,
        numbered.engaged_at,
        case
            when numbered.malformed_reason is not null
                then numbered.malformed_reason
            when
                numbered.user_id is null
                or numbered.page_id is null
                or numbered.post_id is null
                then 'null_id'
            when numbered.engaged_at is null then 'invalid_engaged_at'
            when
                numbered.engaged_at
                not between {{ plausible_time_range() }}
                then 'implausible_engaged_at'
            when engagement_types.engagement_type is null
                then 'unknown_engagement_type'
            when pages.page_id is null then 'unknown_page'
            when posts.post_id is null then 'unknown_post'
            when posts.page_id != numbered.page_id then 'post_on_other_page'
            when numbered.engaged_at < posts.posted_at
                then 'engaged_before_post'
            when numbered.occurrence + numbered.earlier_count > 1
                then 'exact_duplicate'
        end as reject_reason,
        numbered.malformed_detail as reject_detail

    from numbered

    left join engagement_types
        on numbered.engagement_type = engagement_types.engagement_type

    left join pages
        on numbered.page_id = pages.page_id

    left join posts
        on numbered.post_id = posts.post_id

)

select * from engagements_checked
