{#- How well the lookalike finds people like the seed, measured honestly:
    a seeded share of the seed's members was hidden from the evaluation fit
    and split in a validation and a test part; for each ranking method,
    part and tier (the top N % of the country) this counts the hidden
    members of that part found, against random picking (lift 1).
    precision = found / tier size; recall = found / the part's hidden
    members; lift = precision / the part's share of all candidates.
    The served method (is_served_method) is chosen on the validation part
    only: the similarity model when its recall at the choice tier (var
    audiences_lookalike_choice_percent, at most max_percent) is higher than
    the most-active baseline's, otherwise the simpler baseline (ties too).
    The test part is reported, never chosen on. -#}
{%- set max_percent = var('audiences_lookalike_max_percent') | int -%}
{%- set choice_percent = [
    var('audiences_lookalike_choice_percent') | int, max_percent,
] | min -%}

with

scores as (

    select * from {{ ref('int_audience_lookalike_scores') }}
    where fit_name = 'evaluation'

),

tiers as (

    {%- for percent in range(1, max_percent + 1) %}
        select {{ percent }} as tier_percent
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

parts as (

    select 'validation' as holdout_part
    union all
    select 'test' as holdout_part

),

candidate_totals as (

    select count(*) as candidate_count
    from scores

),

part_totals as (

    select
        parts.holdout_part,
        count(scores.person_id) as hidden_count

    from parts

    left join scores
        on parts.holdout_part = scores.holdout_part

    group by parts.holdout_part

),

totals as (

    select
        part_totals.holdout_part,
        part_totals.hidden_count,
        candidate_totals.candidate_count

    from part_totals

    cross join candidate_totals

),

methods as (

    {%- for method, percent in [
        ('similarity_model', 'lookalike_percent'),
        ('most_active_baseline', 'activity_percent'),
    ] %}
        select
            '{{ method }}' as ranking_method,
            parts.holdout_part,
            tiers.tier_percent,
            count(scores.person_id) as tier_size,
            cast(
                coalesce(
                    sum(
                        case
                            when scores.holdout_part = parts.holdout_part
                                then 1
                            else 0
                        end
                    ),
                    0
                ) as {{ dbt.type_bigint() }}
            ) as hidden_found

        from tiers

        cross join parts

        left join scores
            on scores.{{ percent }} <= tiers.tier_percent

        group by parts.holdout_part, tiers.tier_percent
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

measured as (

    select
        methods.ranking_method,
        methods.holdout_part,
        methods.tier_percent,
        methods.tier_size,
        methods.hidden_found,
        totals.hidden_count,
        totals.candidate_count,
        {{ safe_divide('methods.hidden_found', 'methods.tier_size') }}
            as precision_share,
        {{ safe_divide('methods.hidden_found', 'totals.hidden_count') }}
            as recall_share,
        {{ safe_divide(
            safe_divide('methods.hidden_found', 'methods.tier_size'),
            safe_divide('totals.hidden_count', 'totals.candidate_count'),
        ) }} as lift_over_random

    from methods

    inner join totals
        on methods.holdout_part = totals.holdout_part

    where totals.hidden_count > 0

),

validation_recalls as (

    select
        max(
            case
                when ranking_method = 'similarity_model' then recall_share
            end
        ) as model_recall,
        max(
            case
                when ranking_method = 'most_active_baseline' then recall_share
            end
        ) as baseline_recall

    from measured

    where
        holdout_part = 'validation'
        and tier_percent = {{ choice_percent }}

),

chosen as (

    select
        case
            when model_recall > baseline_recall then 'similarity_model'
            else 'most_active_baseline'
        end as served_method

    from validation_recalls

),

evaluation as (

    select
        measured.*,
        measured.ranking_method = chosen.served_method as is_served_method

    from measured

    cross join chosen

)

select * from evaluation
