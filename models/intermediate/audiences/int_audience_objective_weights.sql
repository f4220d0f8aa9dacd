{#- The weight table (int_audience_weight_rows: one row per audience
    name, one 0-5 column per legacy objective) as rows: audience family x
    objective, for the nine legacy objectives and, through the mapping seed
    audiences_objectives, the six outcome objectives (an outcome's weight is
    the highest weight of the legacy objectives mapped to it). Only the
    names mapped to an audience family (dim_audience_weights reports the
    others). -#}
{%- set legacy_objectives = seed_column_values(
    'audiences_objectives', 'legacy_objective'
) -%}

with

weights as (

    select * from {{ ref('int_audience_weight_rows') }}
    where audience_family is not null

),

objectives as (

    select * from {{ ref('audiences_objectives') }}

),

legacy_weights as (

    {%- for objective in legacy_objectives %}
        select
            audience_family,
            weight_name,
            '{{ objective }}' as objective,
            cast({{ objective }} as {{ dbt.type_int() }}) as objective_weight
        from weights
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

outcome_weights as (

    select
        legacy_weights.audience_family,
        legacy_weights.weight_name,
        objectives.outcome_objective as objective,
        max(legacy_weights.objective_weight) as objective_weight

    from legacy_weights

    inner join objectives
        on legacy_weights.objective = objectives.legacy_objective

    group by
        legacy_weights.audience_family,
        legacy_weights.weight_name,
        objectives.outcome_objective

),

all_weights as (

    select
        audience_family,
        weight_name,
        'legacy' as objective_kind,
        objective,
        objective_weight
    from legacy_weights

    union all

    select
        audience_family,
        weight_name,
        'outcome' as objective_kind,
        objective,
        objective_weight
    from outcome_weights

)

select * from all_weights
