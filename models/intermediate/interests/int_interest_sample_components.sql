{{ config(materialized='table') }}
{#- The fit sample's coordinates (bounded: the KMeans steps read it). -#}

with

sample_users as (

    select distinct user_id from {{ ref('int_interest_model_sample') }}

),

components as (

    select * from {{ ref('int_interest_user_components') }}

),

sampled as (

    select components.*

    from components

    inner join sample_users
        on components.user_id = sample_users.user_id

)

select * from sampled
