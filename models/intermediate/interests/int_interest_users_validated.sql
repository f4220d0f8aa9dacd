{%- set is_wide = (var('interests_wide_path') or '') != '' -%}
{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, '"
        ~ ('interests_wide_path' if is_wide else 'interest_users_path')
        ~ "', '" ~ ('the wide file' if is_wide else 'sample_interest_users')
        ~ "') }}",
) }}
-- depends_on: {{ ref('stg_social_platform__users') }}
-- depends_on: {{ ref('stg_social_platform__user_interests_wide') }}
{#- One row per raw user row (the long form's users, or the wide file's
    rows) with its reject reason (null = clean). Only the key rejects a row:
    a blank id, an exact copy of an earlier row, or an id with different
    rows (every copy: which is right is unknown). An age with a fraction
    (18.982, as surveys store it) is the whole years at the last birthday
    (floor); a missing, unreadable or impossible age (floored, outside var
    interests_age_min..interests_age_max) keeps the user with age unknown
    (age_status says which). A missing gender (blank or a missing-value
    token, var missing_value_tokens) is `unknown`. A wide file without an id
    column (var interests_wide_user_column empty) numbers its rows as ids
    (source_row_number); an exact copy is then found by content (every
    column but the number). -#}
{%- set wide = interest_wide_columns() %}
{%- set wide_content = (wide.profile.values() | list) + wide.interests %}

with

users as (

    {% if is_wide -%}
        {#- Duplicates compare the whole row: the id (unless it is the row
            number), profile and every count. -#}
        select
            source_row_number,
            malformed_reason,
            malformed_detail,
            {% if wide.user -%}
                trim({{ missing_as_null(wide.user) }})
            {%- else -%}
                {{ dbt.safe_cast('source_row_number', dbt.type_string()) }}
            {%- endif %} as user_id,
            {{ number_text(wide.profile.get('age', 'null')) }} as age_text,
            {{ missing_as_null(wide.profile.get('gender', 'null')) }}
                as gender_text,
            row_number() over (
                partition by
                    {% for column in ([wide.user] if wide.user else [])
                        + wide_content -%}
                        {{ column }},
                    {% endfor -%}
                    malformed_detail
                order by source_row_number
            ) as copy_number

        from {{ ref('stg_social_platform__user_interests_wide') }}
    {%- else -%}
        select
            source_row_number,
            malformed_reason,
            malformed_detail,
            user_id,
            age as age_text,
            gender as gender_text,
            row_number() over (
                partition by
                    user_id, name, handle, age, gender, malformed_detail
                order by source_row_number
            ) as copy_number

        from {{ ref('stg_social_platform__users') }}
    {%- endif %}

),

user_id_counts as (

    select
        user_id,
        count(*) as row_count

    from users

    where copy_number = 1 and user_id is not null and user_id <> ''

    group by user_id

),

parsed as (

    select
        users.*,
        user_id_counts.row_count as id_row_count,
        nullif(trim(users.age_text), '') as age_trimmed,
        {#- Whole years at the last birthday: 18.982 is 18. -#}
        floor({{ dbt.safe_cast(
            "nullif(trim(users.age_text), '')", 'double'
        ) }}) as age_number,
        lower(trim(users.gender_text)) as gender_lowered

    from users

    left join user_id_counts
        on users.user_id = user_id_counts.user_id

),

users_checked as (

    select
        source_row_number,
        nullif(user_id, '') as user_id,
        age_text,
        gender_text,
        case
            when age_trimmed is null then 'missing'
            when age_number is null then 'invalid'
            when
                age_number < {{ var('interests_age_min') }}
                or age_number > {{ var('interests_age_max') }}
                then 'impossible'
            else 'valid'
        end as age_status,
        case
            when gender_lowered in ('f', 'female', 'w', 'woman') then 'female'
            when gender_lowered in ('m', 'male', 'man') then 'male'
            when gender_lowered is null or gender_lowered = '' then 'unknown'
            else 'other'
        end as gender,
        case
            when malformed_reason is not null then malformed_reason
            when copy_number > 1 then 'exact_duplicate'
            when user_id is null or user_id = '' then 'null_user_id'
            when id_row_count > 1 then 'conflicting_user_id'
        end as reject_reason,
        malformed_detail as reject_detail,
        age_number

    from parsed

),

final as (

    select
        source_row_number,
        user_id,
        age_text,
        gender_text,
        age_status,
        case
            when age_status = 'valid' then cast(age_number as bigint)
        end as age,
        gender,
        reject_reason,
        reject_detail

    from users_checked

)

select * from final
