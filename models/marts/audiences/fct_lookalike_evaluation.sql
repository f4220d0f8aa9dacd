{#- How well the lookalike finds people like the seed, measured honestly:
    a seeded share of the seed's members was hidden from the evaluation fit;
    for each tier (the top N % of the country) this counts the hidden
    members found, against the most-active baseline (the same candidates by
    event count) and against random picking (lift 1). precision = found /
    tier size; recall = found / hidden; lift = precision / the hidden share
    of all candidates. -#}
{%- set max_percent = var('audiences_lookalike_max_percent') | int -%}

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

totals as (

    select
        count(*) as candidate_count,
        cast(
            sum(
                case when is_hidden then 1 else 0 end
            ) as {{ dbt.type_bigint() }}
        ) as hidden_count

    from scores

),

methods as (

    {%- for method, percent in [
        ('similarity_model', 'lookalike_percent'),
        ('most_active_baseline', 'activity_percent'),
    ] %}
        select
            '{{ method }}' as ranking_method,
            tiers.tier_percent,
            count(scores.person_id) as tier_size,
            cast(
                coalesce(sum(case when scores.is_hidden then 1 else 0 end), 0)
                as {{ dbt.type_bigint() }}
            ) as hidden_found

        from tiers

        left join scores
            on scores.{{ percent }} <= tiers.tier_percent

        group by tiers.tier_percent
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

measured as (

    select
        methods.ranking_method,
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

    cross join totals

    where totals.hidden_count > 0

)

select * from measured
