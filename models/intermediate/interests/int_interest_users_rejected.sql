{#- One row per rejected raw user row, with its reason and values. -#}

with

validated as (

    select * from {{ ref('int_interest_users_validated') }}

),

rejected as (

    select
        source_row_number,
        user_id,
        age_text,
        gender_text,
        reject_reason,
        reject_detail

    from validated

    where reject_reason is not null

)

select * from rejected
