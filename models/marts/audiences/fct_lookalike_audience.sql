{#- The lookalike audience of the seed (int_audience_lookalike_seed): the
    people of its country most similar to all its members, ranked, up to
    var audiences_lookalike_max_percent of the country's population; the
    audience for an N % lookalike is lookalike_percent <= N. Seed members
    are never in it. Empty when the seed is too small (the reason is in
    fct_lookalike_summary). -#}

with

scores as (

    select * from {{ ref('int_audience_lookalike_scores') }}

),

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

lookalike as (

    select
        seed.seed_audience_key,
        seed.country_code,
        scores.person_id,
        scores.similarity_score,
        scores.similarity_rank,
        scores.lookalike_percent

    from scores

    cross join seed

    where
        scores.fit_name = 'production'
        and scores.lookalike_percent
        <= {{ var('audiences_lookalike_max_percent') }}

)

select * from lookalike
