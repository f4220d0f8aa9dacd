{#- One row per clean user. -#}

with

validated as (

    select * from {{ ref('int_interest_users_validated') }}

),

cleaned as (

    select
        source_row_number,
        user_id,
        age_status,
        age,
        gender

    from validated

    where reject_reason is null

)

select * from cleaned
