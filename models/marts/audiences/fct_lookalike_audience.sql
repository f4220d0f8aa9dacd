{#- The lookalike audience of the seed (int_audience_lookalike_seed): the
    people of its country ranked by the method that won on the validation
    part of the hidden members (fct_lookalike_summary.served_method: the
    similarity model, or most active first when the model does not beat
    it), up to var audiences_lookalike_max_percent of the country's
    population; the audience for an N % lookalike is lookalike_percent <= N.
    Both ranks are kept beside the served one. Seed members are never in it.
    Empty when the seed is too small (the reason is in fct_lookalike_summary).
    -#}

with

scores as (

    select * from {{ ref('int_audience_lookalike_scores') }}
    where fit_name = 'production'

),

summary as (

    select * from {{ ref('fct_lookalike_summary') }}

),

served as (

    select
        summary.seed_audience_key,
        summary.country_code,
        scores.person_id,
        summary.served_method as ranking_method,
        case
            when summary.served_method = 'similarity_model'
                then scores.similarity_rank
            else scores.activity_rank
        end as lookalike_rank,
        case
            when summary.served_method = 'similarity_model'
                then scores.lookalike_percent
            else scores.activity_percent
        end as lookalike_percent,
        scores.similarity_score,
        scores.similarity_rank,
        scores.activity_rank,
        summary.method_choice

    from scores

    cross join summary

),

lookalike as (

    select * from served
    where lookalike_percent <= {{ var('audiences_lookalike_max_percent') }}

)

select * from lookalike
