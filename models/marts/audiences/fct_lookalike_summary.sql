{#- One row: the lookalike's seed audience and country, its members (and
    how many were hidden for the evaluation, per part), the country's
    population, whether the model was fitted and why not, the lookalike
    sizes, and the ranking method served with why: the recall of both
    methods at the choice tier on the validation part (where it is chosen)
    and on the test part (reported only), and a sentence that says when the
    similarity model loses to the most-active baseline. -#}
{%- set choice_percent = [
    var('audiences_lookalike_choice_percent') | int,
    var('audiences_lookalike_max_percent') | int,
] | min -%}

with

seed as (

    select * from {{ ref('int_audience_lookalike_seed') }}

),

member_rows as (

    select * from {{ ref('int_audience_lookalike_members') }}

),

scores as (

    select * from {{ ref('int_audience_lookalike_scores') }}

),

evaluation as (

    select * from {{ ref('fct_lookalike_evaluation') }}

),

members as (

    select
        count(*) as member_count,
        cast(
            coalesce(sum(case when is_hidden then 1 else 0 end), 0)
            as {{ dbt.type_bigint() }}
        ) as hidden_count,
        cast(
            coalesce(
                sum(case when holdout_part = 'validation' then 1 else 0 end), 0
            ) as {{ dbt.type_bigint() }}
        ) as validation_count,
        cast(
            coalesce(
                sum(case when holdout_part = 'test' then 1 else 0 end), 0
            ) as {{ dbt.type_bigint() }}
        ) as test_count

    from member_rows

),

lookalike as (

    {#- The served ranking and the similarity ranking number the same
        candidates 1 to n, so the size is the same whichever is served. -#}
    select count(*) as lookalike_count
    from scores
    where
        fit_name = 'production'
        and lookalike_percent <= {{ var('audiences_lookalike_max_percent') }}

),

choice_recalls as (

    select
        max(
            case when is_served_method then ranking_method end
        ) as served_method,
        max(
            case
                when
                    ranking_method = 'similarity_model'
                    and holdout_part = 'validation'
                    then recall_share
            end
        ) as model_validation_recall,
        max(
            case
                when
                    ranking_method = 'most_active_baseline'
                    and holdout_part = 'validation'
                    then recall_share
            end
        ) as baseline_validation_recall,
        max(
            case
                when
                    ranking_method = 'similarity_model'
                    and holdout_part = 'test'
                    then recall_share
            end
        ) as model_test_recall,
        max(
            case
                when
                    ranking_method = 'most_active_baseline'
                    and holdout_part = 'test'
                    then recall_share
            end
        ) as baseline_test_recall

    from evaluation

    where tier_percent = {{ choice_percent }}

),

recall_texts as (

    select
        *,
        coalesce(
            cast(
                round(model_validation_recall, 3) as {{ dbt.type_string() }}
            ),
            'none'
        ) as model_validation_recall_text,
        coalesce(
            cast(
                round(baseline_validation_recall, 3) as {{ dbt.type_string() }}
            ),
            'none'
        ) as baseline_validation_recall_text,
        coalesce(
            cast(
                round(model_test_recall, 3) as {{ dbt.type_string() }}
            ),
            'none'
        ) as model_test_recall_text,
        coalesce(
            cast(
                round(baseline_test_recall, 3) as {{ dbt.type_string() }}
            ),
            'none'
        ) as baseline_test_recall_text

    from choice_recalls

),

worded as (

    select
        *,
        ' (recall of the hidden members in the top {{ choice_percent }} %;'
        || ' validation part: similarity model '
        || model_validation_recall_text
        || ', most active first ' || baseline_validation_recall_text
        || '; test part, reported only: similarity model '
        || model_test_recall_text
        || ', most active first ' || baseline_test_recall_text
        || ')' as figures

    from recall_texts

),

summary as (

    select
        seed.seed_audience_key,
        seed.country_code,
        seed.country_population,
        seed.seed_member_count,
        members.hidden_count,
        members.validation_count,
        members.test_count,
        seed.lookalike_status,
        seed.is_fitted,
        lookalike.lookalike_count,
        {{ var('audiences_lookalike_max_percent') }} as max_percent,
        {{ choice_percent }} as choice_percent,
        worded.served_method,
        worded.model_validation_recall,
        worded.baseline_validation_recall,
        worded.model_test_recall,
        worded.baseline_test_recall,
        case
            when worded.served_method is null
                then 'nothing served: ' || seed.lookalike_status
            when worded.model_validation_recall is null
                then
                    'most active first served: no hidden validation members'
                    || ' to choose on' || worded.figures
            when worded.served_method = 'similarity_model'
                then
                    'similarity model served: it beats most active first'
                    || ' on the validation part' || worded.figures
            else
                'the similarity model loses to most active first on the'
                || ' validation part (a tie goes to the simpler method):'
                || ' most active first served' || worded.figures
        end as method_choice

    from seed

    cross join members

    cross join lookalike

    cross join worded

)

select * from summary
