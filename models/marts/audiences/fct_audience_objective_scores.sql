{#- The quality score of every audience for every objective (legacy and
    outcome), with its parts as columns (docs block audiences_scoring):
      weight_factor    = objective weight (0-5, seed) / 5
      size_factor      = the size band's factor (0 below the minimum size)
      freshness_factor = 30 / (30 + retention_days)
      depth_factor     = 1 - 1 / (1 + mean qualifying events per member)
      quality_score    = 100 * weight * size * (0.5 + 0.5 * freshness)
                         * (0.5 + 0.5 * depth)
    and the audience's rank among the eligible audiences for the objective
    (1 = chosen). -#}

with

audiences as (

    select * from {{ ref('dim_audiences') }}

),

weights as (

    select * from {{ ref('int_audience_objective_weights') }}

),

parts as (

    select
        weights.objective_kind,
        weights.objective,
        audiences.audience_key,
        audiences.audience_family,
        audiences.member_count,
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
        1.0 - 1.0 / (1.0 + audiences.mean_qualifying_events) as depth_factor

    from audiences

    inner join weights
        on audiences.audience_family = weights.audience_family

),

scored as (

    select
        *,
        100.0
        * weight_factor
        * size_factor
        * (0.5 + 0.5 * freshness_factor)
        * (0.5 + 0.5 * depth_factor) as quality_score

    from parts

),

ranked as (

    select
        *,
        case
            when is_eligible
                then cast(row_number() over (
                    partition by objective_kind, objective, is_eligible
                    order by quality_score desc, audience_key asc
                ) as {{ dbt.type_bigint() }})
        end as objective_rank

    from scored

)

select * from ranked
