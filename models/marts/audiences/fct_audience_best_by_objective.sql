{#- Per objective (legacy and outcome): the chosen audience (the highest
    quality score among eligible audiences), the runner-up, and a flag when
    even the best is weak (score below var audiences_weak_score). An
    objective with no eligible audience is a row with no choice. -#}

with

scores as (

    select * from {{ ref('fct_audience_objective_scores') }}

),

objectives as (

    select distinct
        objective_kind,
        objective

    from scores

),

best as (

    select * from scores
    where objective_rank = 1

),

runner_up as (

    select * from scores
    where objective_rank = 2

),

chosen as (

    select
        objectives.objective_kind,
        objectives.objective,
        best.audience_key as chosen_audience_key,
        best.quality_score as chosen_quality_score,
        best.member_count as chosen_member_count,
        runner_up.audience_key as runner_up_audience_key,
        runner_up.quality_score as runner_up_quality_score,
        coalesce(best.quality_score < {{ var('audiences_weak_score') }}, true)
            as is_weak

    from objectives

    left join best
        on
            objectives.objective_kind = best.objective_kind
            and objectives.objective = best.objective

    left join runner_up
        on
            objectives.objective_kind = runner_up.objective_kind
            and objectives.objective = runner_up.objective

)

select * from chosen
