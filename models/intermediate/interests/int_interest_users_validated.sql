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
    rows (every copy: which is right is unknown). A missing, unreadable or
    impossible age (outside var interests_age_min..interests_age_max) keeps
    the user with age unknown (age_status says which); a missing gender is
    `unknown`. -#}
{%- set wide = interest_wide_columns() %}

with

users as (

    {% if is_wide -%}
        {#- Duplicates compare the whole row: profile and every count. -#}
        select
            source_row_number,
            malformed_reason,
            malformed_detail,
            trim({{ dbt.safe_cast(wide.user or 'null', dbt.type_string()) }})
                as user_id,
            {{ dbt.safe_cast(
                wide.profile.get('age', 'null'), dbt.type_string()
            ) }} as age_text,
            {{ dbt.safe_cast(
                wide.profile.get('gender', 'null'), dbt.type_string()
            ) }} as gender_text,
            row_number() over (
                partition by
                    {% for column in [wide.user] + (wide.profile.values() | list)
                        + wide.interests -%}
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
        {{ dbt.safe_cast(
            "nullif(trim(users.age_text), '')", 'double'
        ) }} as age_number,
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
                age_number <> floor(age_number)
                or age_number < {{ var('interests_age_min') }}
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
