{#- Per objective (legacy and outcome): the audience the served method
    (var audiences_score_method) chooses, its runner-up, a flag when even
    the best is weak (bands: below var audiences_good_bands_score, that
    system's "good"; graded: below var audiences_weak_score), the other
    method's choice beside it, and flags when the choice is too small for
    the platform (under 100 people: no lookalike from it) or for bands
    (under 250: bands scores its size 0). An objective with no eligible
    audience is a row with no choice. -#}
{%- set method = var('audiences_score_method') -%}
{%- set other = 'graded' if method == 'bands' else 'bands' -%}
{%- set weak_below = var('audiences_good_bands_score') if method == 'bands'
    else var('audiences_weak_score') -%}

with

scores as (

    select * from {{ ref('fct_audience_objective_scores') }}

),

objectives as (

    select
        objective_kind,
        objective,
        sum(case when is_eligible then 1 else 0 end) as eligible_count

    from scores

    group by objective_kind, objective

),

best as (

    select * from scores
    where objective_rank = 1

),

runner_up as (

    select * from scores
    where objective_rank = 2

),

other_best as (

    select * from scores
    where {{ other }}_rank = 1

),

chosen as (

    select
        objectives.objective_kind,
        objectives.objective,
        '{{ method }}' as score_method,
        cast(objectives.eligible_count as {{ dbt.type_bigint() }})
            as eligible_audience_count,
        best.audience_key as chosen_audience_key,
        best.quality_score as chosen_quality_score,
        best.member_count as chosen_member_count,
        runner_up.audience_key as runner_up_audience_key,
        runner_up.quality_score as runner_up_quality_score,
        coalesce(best.quality_score < {{ weak_below }}, true) as is_weak,
        '{{ other }}' as other_method,
        other_best.audience_key as other_method_audience_key,
        cast(other_best.{{ other }}_score as double) as other_method_score,
        best.audience_key = other_best.audience_key as is_same_choice,
        best.member_count < 100 as is_under_100_people,
        best.size_points = 0 as is_zero_size_under_bands

    from objectives

    left join best
        on
            objectives.objective_kind = best.objective_kind
            and objectives.objective = best.objective

    left join runner_up
        on
            objectives.objective_kind = runner_up.objective_kind
            and objectives.objective = runner_up.objective

    left join other_best
        on
            objectives.objective_kind = other_best.objective_kind
            and objectives.objective = other_best.objective

),

noted as (

    select
        *,
        case
            when is_under_100_people and is_zero_size_under_bands
                then
                    'under 100 people: too small for a lookalike source,'
                    || ' and bands scores its size 0'
            when is_under_100_people
                then 'under 100 people: too small for a lookalike source'
            when is_zero_size_under_bands
                then 'bands scores its size 0 (by default: under 250 people)'
        end as size_note

    from chosen

)

select * from noted
