{{ config(materialized='table') }}
{#- Every candidate of the seed country scored by each fit of the
    similarity model (int_audience_lookalike_coefficients), in SQL:
    intercept + sum of coefficient * (x - mean) / scale. Candidates are the
    country's people who are not (visible) seed members: for the evaluation
    fit the hidden members are candidates, to be found again. rank 1 = most
    similar; lookalike_percent = the 1 % tier the rank falls in, of the
    country's population (as the platform's 1 % to 10 % lookalikes). The
    most-active baseline ranks the same candidates by their event count.
    holdout_part says which part of the hidden members (`validation` or
    `test`) a hidden candidate of the evaluation fit is in. -#}
{%- set features = var('audiences_lookalike_features') -%}

with

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

features as (

    select * from {{ ref('int_audience_lookalike_features') }}

),

members as (

    select * from {{ ref('int_audience_lookalike_members') }}

),

terms as (

    select * from {{ ref('int_audience_lookalike_coefficients') }}

),

fits as (

    select
        target_name as fit_name,
        {%- for feature in features %}
            max(case when feature_name = '{{ feature }}' then coefficient end)
                as {{ feature }}__coefficient,
            max(case when feature_name = '{{ feature }}' then feature_mean end)
                as {{ feature }}__mean,
            max(case when feature_name = '{{ feature }}' then feature_scale end)
                as {{ feature }}__scale,
        {%- endfor %}
        sum(
            case when term_kind = 'intercept' then coefficient else 0 end
        ) as intercept

    from terms

    group by target_name

),

candidates as (

    select
        fits.fit_name,
        features.person_id,
        features.event_count,
        coalesce(members.is_hidden, false) as is_hidden,
        case
            when fits.fit_name = 'evaluation' then members.holdout_part
        end as holdout_part,
        seed.country_population,
        fits.intercept
        {%- for feature in features %}
            + fits.{{ feature }}__coefficient
            * (features.{{ feature }} - fits.{{ feature }}__mean)
            / fits.{{ feature }}__scale
        {%- endfor %} as similarity_score

    from features

    inner join seed
        on features.country_code = seed.country_code

    cross join fits

    left join members
        on features.person_id = members.person_id

    where
        members.person_id is null
        or (fits.fit_name = 'evaluation' and members.is_hidden)

),

ranked as (

    select
        *,
        cast(row_number() over (
            partition by fit_name
            order by similarity_score desc, {{ sample_order('person_id') }} asc
        ) as {{ dbt.type_bigint() }}) as similarity_rank,
        cast(row_number() over (
            partition by fit_name
            order by event_count desc, {{ sample_order('person_id') }} asc
        ) as {{ dbt.type_bigint() }}) as activity_rank

    from candidates

),

tiered as (

    select
        fit_name,
        person_id,
        is_hidden,
        holdout_part,
        similarity_score,
        similarity_rank,
        cast(
            ceiling(100.0 * similarity_rank / country_population)
            as {{ dbt.type_int() }}
        ) as lookalike_percent,
        activity_rank,
        cast(
            ceiling(100.0 * activity_rank / country_population)
            as {{ dbt.type_int() }}
        ) as activity_percent

    from ranked

)

select * from tiered
