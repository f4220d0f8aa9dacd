{#- Bad input never vanishes: the input's raw rows equal the validated rows
    (clean + rejected, each reconciled by rows_reconcile): the long form's
    users and likes rows, or the wide file's rows and, for its clean rows,
    one like count per interest column. Returns what does not add up. -#}
{%- set is_wide = (var('interests_wide_path') or '') != '' -%}
{%- set wide = interest_wide_columns() -%}
-- depends_on: {{ ref('stg_social_platform__users') }}
-- depends_on: {{ ref('stg_social_platform__likes') }}
-- depends_on: {{ ref('stg_social_platform__user_interests_wide') }}

with

raw_rows as (

    {% if is_wide -%}
        select
            'users' as input_name,
            count(*) as row_count
        from {{ ref('stg_social_platform__user_interests_wide') }}
        union all
        select
            'likes' as input_name,
            count(*) * {{ wide.interests | length }} as row_count
        from {{ ref('int_interest_users_cleaned') }}
    {%- else -%}
        select
            'users' as input_name,
            count(*) as row_count
        from {{ ref('stg_social_platform__users') }}
        union all
        select
            'likes' as input_name,
            count(*) as row_count
        from {{ ref('stg_social_platform__likes') }}
    {%- endif %}

),

validated_rows as (

    select
        'users' as input_name,
        count(*) as row_count
    from {{ ref('int_interest_users_validated') }}
    union all
    select
        'likes' as input_name,
        count(*) as row_count
    from {{ ref('int_interest_likes_validated') }}

),

mismatched as (

    select
        raw_rows.input_name,
        raw_rows.row_count as raw_row_count,
        validated_rows.row_count as validated_row_count

    from raw_rows

    inner join validated_rows
        on raw_rows.input_name = validated_rows.input_name

    where raw_rows.row_count <> validated_rows.row_count

)

select * from mismatched
