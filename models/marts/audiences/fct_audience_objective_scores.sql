{#- The score of every audience for every objective (legacy and outcome)
    by both methods, with their parts as columns (docs block
    audiences_scoring):
      bands  (the system this domain replaces): size_points (seed
             audiences_size_points: under 250 people 0, then 1, 2, 3) x
             freshness_points (seed audiences_freshness_points: 10 days 3,
             30 days 2, 60 days 1) x objective weight (0-5): 0-45;
      graded (ours): 100 x weight / 5 x size_factor
             x (0.5 + 0.5 x freshness) x (0.5 + 0.5 x depth), freshness
             = 30 / (30 + retention_days), depth = 1 - 1 / (1 + mean
             qualifying events per member): 0-100.
    Each method ranks the eligible audiences per objective (1 = its
    choice); var audiences_score_method says which one is served
    (quality_score, objective_rank). Var audiences_bands_conversions_rule
    (default false) reproduces that system's CONVERSIONS quirk: under
    bands a 30-day audience scores 0 for the legacy objective CONVERSIONS
    (its code does; its stated method does not). -#}
{%- set method = var('audiences_score_method') -%}
{%- if method not in ['bands', 'graded'] -%}
    {{ exceptions.raise_compiler_error(
        "var audiences_score_method is '" ~ method
        ~ "': it must be bands or graded.") }}
{%- endif -%}

with

audiences as (

    select * from {{ ref('dim_audiences') }}

),

weights as (

    select * from {{ ref('int_audience_objective_weights') }}

),

size_points as (

    select * from {{ ref('audiences_size_points') }}

),

freshness_points as (

    select * from {{ ref('audiences_freshness_points') }}

),

size_steps as (

    select
        min_size,
        size_points,
        lead(min_size) over (order by min_size) as next_min_size

    from size_points

),

freshness_steps as (

    select
        max_retention_days,
        freshness_points,
        lag(max_retention_days) over (
            order by max_retention_days
        ) as previous_max_days

    from freshness_points

),

{# Bands: the size band holding the audience's members and the freshness
   step holding its window; none (beyond the seeds) is 0. #}
audience_points as (

    select
        audiences.audience_key,
        coalesce(size_steps.size_points, 0) as size_points,
        coalesce(freshness_steps.freshness_points, 0) as freshness_points

    from audiences

    left join size_steps
        on
            audiences.member_count >= size_steps.min_size
            and (
                size_steps.next_min_size is null
                or audiences.member_count < size_steps.next_min_size
            )

    left join freshness_steps
        on
            audiences.retention_days <= freshness_steps.max_retention_days
            and (
                freshness_steps.previous_max_days is null
                or audiences.retention_days > freshness_steps.previous_max_days
            )

),

parts as (

    select
        weights.objective_kind,
        weights.objective,
        audiences.audience_key,
        audiences.audience_family,
        weights.weight_name,
        audiences.member_count,
        audiences.retention_days,
        audiences.size_band,
        audiences.is_eligible,
        weights.objective_weight,
        {#- Doubles on every engine (Spark keeps decimal literals' arithmetic
            in decimals). -#}
        cast(weights.objective_weight as double) / 5.0
            as weight_factor,
        audiences.size_factor,
        30.0 / cast(30 + audiences.retention_days as double)
            as freshness_factor,
        1.0 - 1.0 / (1.0 + audiences.mean_qualifying_events) as depth_factor,
        cast(audience_points.size_points as {{ dbt.type_int() }})
            as size_points,
        cast(audience_points.freshness_points as {{ dbt.type_int() }})
            as freshness_points

    from audiences

    inner join weights
        on audiences.audience_family = weights.audience_family

    inner join audience_points
        on audiences.audience_key = audience_points.audience_key

),

scored as (

    select
        *,
        100.0
        * weight_factor
        * size_factor
        * (0.5 + 0.5 * freshness_factor)
        * (0.5 + 0.5 * depth_factor) as graded_score,
        cast(
            {%- if var('audiences_bands_conversions_rule') %}
                case
                    when
                        objective_kind = 'legacy'
                        and objective = 'CONVERSIONS'
                        and retention_days = 30
                        then 0
                    else size_points * freshness_points * objective_weight
                end
            {%- else %}
                size_points * freshness_points * objective_weight
            {%- endif %}
            as {{ dbt.type_int() }}
        ) as bands_score

    from parts

),

{# Ties, frequent under bands (small whole numbers), go to the shorter
   window (that system sorted, stably, a list it created 10-day audiences
   first), then to the larger audience, then to the key. #}
ranked as (

    select
        *,
        case
            when is_eligible
                then cast(row_number() over (
                    partition by objective_kind, objective, is_eligible
                    order by graded_score desc, audience_key asc
                ) as {{ dbt.type_bigint() }})
        end as graded_rank,
        case
            when is_eligible
                then cast(row_number() over (
                    partition by objective_kind, objective, is_eligible
                    order by
                        bands_score desc,
                        retention_days asc,
                        member_count desc,
                        audience_key asc
                ) as {{ dbt.type_bigint() }})
        end as bands_rank

    from scored

),

served as (

    select
        *,
        '{{ method }}' as score_method,
        cast({{ method }}_score as double) as quality_score,
        {{ method }}_rank as objective_rank

    from ranked

)

select * from served
