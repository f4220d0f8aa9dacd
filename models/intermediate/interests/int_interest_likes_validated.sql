{%- set is_wide = (var('interests_wide_path') or '') != '' -%}
{%- set like_count_max = var('interests_like_count_max') -%}
{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, '"
        ~ ('interests_wide_path' if is_wide else 'interest_likes_path')
        ~ "', '" ~ ('the wide file' if is_wide else 'sample_interest_likes')
        ~ "') }}",
) }}
-- depends_on: {{ ref('stg_social_platform__likes') }}
-- depends_on: {{ ref('stg_social_platform__user_interests_wide') }}
{#- One row per raw like count with its reject reason (null = clean): a row
    of the long form's likes, or a cell (user row x interest column) of the
    wide file's clean rows (a rejected row's cells go with it). Reasons:
    unreadable line, exact copy, blank user or interest, a user that is not
    a clean user, a count that is missing or not a whole number >= 0, and
    an interest counted twice for a user with different counts (every
    copy). An interest the map lacks is clean, with category null: it is
    reported in fct_interest_unmapped_interests, not dropped. -#}
{%- set wide = interest_wide_columns() -%}
{%- set blank_is_zero = is_wide and var('interests_wide_blank_is_zero') -%}
{%- set wide_cells = [] -%}
{%- for column in wide.interests -%}
    {%- do wide_cells.append('cell_' ~ loop.index) -%}
{%- endfor %}

with

users as (

    select * from {{ ref('int_interest_users_cleaned') }}

),

category_map as (

    select * from {{ ref('int_interest_category_map') }}

),

{% if is_wide -%}
wide_cells as (

    {#- A clean row's counts as text, one column each (cell_1 ...: the
        file's names may be anything), read once. -#}
    select
        wide.source_row_number,
        users.user_id,
        {% for column in wide.interests -%}
            {{ dbt.safe_cast('wide.' ~ column, dbt.type_string()) }}
                as {{ wide_cells[loop.index0] }}{{ ',' if not loop.last }}
        {% endfor %}
    from {{ ref('stg_social_platform__user_interests_wide') }} as wide

    inner join users
        on wide.source_row_number = users.source_row_number

),

{% endif -%}
likes as (

    {% if is_wide -%}
        {#- One row per cell of a clean row, blank ones too, in one pass
            (the wide file has one count per user and interest, so cells
            are never copies). -#}
        select
            source_row_number,
            cast(null as {{ dbt.type_string() }}) as malformed_reason,
            cast(null as {{ dbt.type_string() }}) as malformed_detail,
            user_id,
            interest,
            like_count_text,
            1 as copy_number

        from {{ unpivot_cells(
            'wide_cells',
            wide_cells,
            wide.interest_names,
            'interest',
            'like_count_text',
        ) }}
    {%- else -%}
        select
            source_row_number,
            malformed_reason,
            malformed_detail,
            nullif(user_id, '') as user_id,
            nullif(interest, '') as interest,
            like_count as like_count_text,
            row_number() over (
                partition by user_id, interest, like_count, malformed_detail
                order by source_row_number
            ) as copy_number

        from {{ ref('stg_social_platform__likes') }}
    {%- endif %}

),

parsed as (

    {#- A wide file's blank cell is a count of 0 (pivoted exports leave
        zeros blank) unless var interests_wide_blank_is_zero is false; a
        long-form row with a blank count is a reject. -#}
    select
        *,
        {{ 'true' if blank_is_zero else 'false' }}
        and (like_count_text is null or trim(like_count_text) = '')
            as is_blank_zero,
        {{ dbt.safe_cast(
            "nullif(trim(like_count_text), '')", 'double'
        ) }} as like_count_number,
        {#- The count itself, exact from its text (a double loses digits
            above 2^53); null when not a whole number of 64 bits. -#}
        {{ dbt.safe_cast(
            "nullif(trim(like_count_text), '')", dbt.type_bigint()
        ) }} as like_count_whole

    from likes

),

user_interest_counts as (

    {#- Different counts for one user and interest (copies aside). -#}
    select
        user_id,
        interest,
        count(*) as row_count

    from parsed

    where copy_number = 1

    group by user_id, interest

),

likes_checked as (

    select
        parsed.source_row_number,
        parsed.user_id,
        parsed.interest,
        parsed.like_count_text,
        case
            when parsed.is_blank_zero then 0
            when
                parsed.like_count_number >= 0
                and parsed.like_count_number = floor(parsed.like_count_number)
                and parsed.like_count_number <= {{ like_count_max }}
                then parsed.like_count_whole
        end as like_count,
        category_map.category,
        case
            when parsed.malformed_reason is not null
                then parsed.malformed_reason
            when parsed.copy_number > 1 then 'exact_duplicate'
            when parsed.user_id is null then 'null_user_id'
            when parsed.interest is null then 'null_interest'
            when users.user_id is null then 'unknown_user'
            when parsed.is_blank_zero then null
            when
                parsed.like_count_text is null
                or trim(parsed.like_count_text) = ''
                then 'missing_like_count'
            when
                parsed.like_count_number is null
                or parsed.like_count_number < 0
                or parsed.like_count_number <> floor(parsed.like_count_number)
                then 'invalid_like_count'
            when parsed.like_count_number > {{ like_count_max }}
                then 'implausible_value'
            when user_interest_counts.row_count > 1
                then 'conflicting_like_count'
        end as reject_reason,
        parsed.malformed_detail as reject_detail

    from parsed

    left join users
        on parsed.user_id = users.user_id

    left join user_interest_counts
        on
            parsed.user_id = user_interest_counts.user_id
            and parsed.interest = user_interest_counts.interest

    left join category_map
        on parsed.interest = category_map.interest

)

select * from likes_checked
