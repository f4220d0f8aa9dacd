{#- Per objective (legacy and outcome; every objective of seed
    audiences_objectives, so each always has a row): the audience the served
    method (var audiences_score_method) chooses, its runner-up, a flag when
    even the best is weak (bands: below var audiences_good_bands_score, that
    system's "good"; graded: below var audiences_weak_score), the other
    method's choice beside it, and flags, for both picks, when a pick is too
    small for the platform (under 100 people: no lookalike from it; with the
    default var audiences_min_size, 100, no eligible audience is) or for
    bands (under 250: bands scores its size 0). An objective with no choice
    is a row with a null pick and `choice_status` saying why. -#}
{%- set method = var('audiences_score_method') -%}
{%- set other = 'graded' if method == 'bands' else 'bands' -%}
{%- set weak_below = var('audiences_good_bands_score') if method == 'bands'
    else var('audiences_weak_score') -%}
{#- A pick's size flags in words (`@` stands for the pick's CTE). -#}
{%- set size_note -%}
case
            when @.member_count < 100 and @.size_points = 0
                then
                    'under 100 people: too small for a lookalike source,'
                    || ' and bands scores its size 0'
            when @.member_count < 100
                then 'under 100 people: too small for a lookalike source'
            when @.size_points = 0
                then 'bands scores its size 0 (by default: under 250 people)'
        end
{%- endset %}

with

scores as (

    select * from {{ ref('fct_audience_objective_scores') }}

),

objective_seed as (

    select * from {{ ref('audiences_objectives') }}

),

objective_list as (

    select distinct
        'legacy' as objective_kind,
        legacy_objective as objective
    from objective_seed

    union all

    select distinct
        'outcome' as objective_kind,
        outcome_objective as objective
    from objective_seed

),

objective_counts as (

    select
        objective_kind,
        objective,
        count(*) as scored_count,
        sum(case when is_eligible then 1 else 0 end) as eligible_count

    from scores

    group by objective_kind, objective

),

objectives as (

    select
        objective_list.objective_kind,
        objective_list.objective,
        coalesce(objective_counts.scored_count, 0) as scored_count,
        coalesce(objective_counts.eligible_count, 0) as eligible_count

    from objective_list

    left join objective_counts
        on
            objective_list.objective_kind = objective_counts.objective_kind
            and objective_list.objective = objective_counts.objective

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
        best.size_points = 0 as is_zero_size_under_bands,
        {{ size_note | replace('@', 'best') }} as size_note,
        {{ size_note | replace('@', 'other_best') }} as other_method_size_note,
        case
            when best.audience_key is not null then 'chosen'
            when objectives.scored_count = 0
                then 'not scored: no audience of the list has weights for it'
            else
                'no eligible audience: every one is under var'
                || ' audiences_min_size'
        end as choice_status

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

)

select * from chosen
