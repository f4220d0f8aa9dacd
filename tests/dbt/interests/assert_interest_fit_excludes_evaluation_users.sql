{#- The ad-choice check is honest only if the users it evaluates were never
    fitted on: returns any evaluation user found in the fit sample. -#}

with

profiles as (

    select * from {{ ref('int_interest_user_profiles') }}

),

sample_users as (

    select distinct user_id from {{ ref('int_interest_model_sample') }}

),

leaked as (

    select sample_users.user_id

    from sample_users

    inner join profiles
        on sample_users.user_id = profiles.user_id

    where profiles.is_evaluation_user

)

select * from leaked
