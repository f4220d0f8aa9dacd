{%- set min_users = var('fans_overlap_min_page_users') -%}
{%- set text = dbt.type_string() -%}

with

superfans as (

    select * from {{ ref('dim_superfans') }}

),

superfan_scores as (

    select * from {{ ref('int_fan_superfan_scores') }}

),

persistence as (

    select * from {{ ref('fct_superfan_persistence') }}

),

calibration as (

    select * from {{ ref('fct_fan_classifier_calibration') }}

),

classifier_metrics as (

    select * from {{ ref('fct_fan_classifier_metrics') }}

),

page_overlap as (

    select * from {{ ref('fct_fan_page_overlap') }}

),

as_of as (

    select * from {{ ref('int_fan_as_of') }}

),

superfan_rows as (

    select count(*) as row_count

    from superfans

),

superfan_rule_counts as (

    {#- How many users pass each condition of the superfan rule: an empty
        dim_superfans says which condition nobody passed. -#}
    {{ superfan_rule_counts(
        'superfan_scores',
        'passes_score_rule',
        'passes_active_days_rule',
        'passes_recency_rule',
    ) }}

),

superfan_note as (

    select
        'dim_superfans' as result_name,
        'superfans' as counted,
        superfan_rows.row_count as result_count,
        case
            when superfan_rows.row_count > 0 then null
            when superfan_rule_counts.user_count = 0 then 'no users in scope'
            else {{ superfan_rules_note(
                'superfan_rule_counts.user_count',
                'superfan_rule_counts.score_rule_count',
                'superfan_rule_counts.active_days_rule_count',
                'superfan_rule_counts.recency_rule_count',
            ) }}
        end as note

    from superfan_rows

    cross join superfan_rule_counts

),

persistence_note as (

    {#- The persistence mart writes its own note on an empty group. -#}
    select
        'fct_superfan_persistence' as result_name,
        'superfans at the past date' as counted,
        user_count as result_count,
        note

    from persistence

    where user_group = 'superfans at the past date'

),

calibration_rows as (

    select count(*) as row_count

    from calibration

),

forest_status as (

    select max(model_status) as model_status

    from classifier_metrics

    where
        evaluation = 'random_split'
        and model_name = 'random_forest'

),

calibration_note as (

    select
        'fct_fan_classifier_calibration' as result_name,
        'probability bins of held-out users' as counted,
        calibration_rows.row_count as result_count,
        case
            when calibration_rows.row_count > 0 then null
            when forest_status.model_status != 'fitted'
                then {{ dbt.concat([
                    "'no model fitted: '", 'forest_status.model_status',
                ]) }}
            else 'no held-out user has a probability'
        end as note

    from calibration_rows

    cross join forest_status

),

overlap_counts as (

    select
        count(*) as pair_count,
        coalesce(
            sum(case when overlap_status = 'reported' then 1 else 0 end), 0
        ) as reported_count

    from page_overlap

),

overlap_note as (

    select
        'fct_fan_page_overlap' as result_name,
        'page pairs with an overlap reported' as counted,
        reported_count as result_count,
        case
            when pair_count = 0 then 'no two pages share a user'
            when reported_count < pair_count
                then {{ dbt.concat([
                    'cast(pair_count - reported_count as ' ~ text ~ ')',
                    "' of '",
                    'cast(pair_count as ' ~ text ~ ')',
                    "' page pairs not reported: a page under "
                        ~ min_users
                        ~ " users (var fans_overlap_min_page_users)'",
                ]) }}
        end as note

    from overlap_counts

),

as_of_note as (

    {#- Engagements after "now" are out of scope: how many, and why. -#}
    select
        'as_of_at' as result_name,
        'engagements after the as-of time (out of scope)' as counted,
        events_after_as_of as result_count,
        as_of_rule as note

    from as_of

),

notes as (

    select * from superfan_note

    union all

    select * from persistence_note

    union all

    select * from calibration_note

    union all

    select * from overlap_note

    union all

    select * from as_of_note

),

final as (

    select
        cast(result_name as {{ text }}) as result_name,
        cast(counted as {{ text }}) as counted,
        cast(result_count as {{ dbt.type_bigint() }}) as result_count,
        result_count = 0 as is_empty,
        cast(note as {{ text }}) as note

    from notes

)

select * from final
