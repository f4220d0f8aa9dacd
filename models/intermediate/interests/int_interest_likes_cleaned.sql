{#- One row per clean like count (a user, an interest, its category or null
    when the map lacks the interest, and the count). -#}

with

validated as (

    select * from {{ ref('int_interest_likes_validated') }}

),

cleaned as (

    select
        source_row_number,
        user_id,
        interest,
        category,
        like_count

    from validated

    where reject_reason is null

)

select * from cleaned
