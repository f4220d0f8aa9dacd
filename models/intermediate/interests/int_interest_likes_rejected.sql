{#- One row per rejected like count, with its reason and the value as
    typed. -#}

with

validated as (

    select * from {{ ref('int_interest_likes_validated') }}

),

rejected as (

    select
        source_row_number,
        user_id,
        interest,
        like_count_text,
        reject_reason,
        reject_detail

    from validated

    where reject_reason is not null

)

select * from rejected
