{#- Why no user is a superfan, in words, from counts over the users the
    rule was applied to: how many pass each of the three conditions, e.g.
    `none of the 20 users passes all three superfan rules: 20 pass the
    score rule (the top 0.01 of users by engagement score), 0 the
    active-days rule (at least 5 active days), 20 the recency rule (seen
    within 30 days)`. The
    arguments are SQL expressions (counts). One wording for the current
    flags (fct_fan_result_notes) and the persistence mart's past flags. -#}
{% macro superfan_rules_note(
    user_count, score_count, active_days_count, recency_count
) -%}
    {%- set text = dbt.type_string() -%}
    {{ dbt.concat([
        "'none of the '",
        'cast(' ~ user_count ~ ' as ' ~ text ~ ')',
        "' users passes all three superfan rules: '",
        'cast(' ~ score_count ~ ' as ' ~ text ~ ')',
        "' pass the score rule (the top "
            ~ var('fans_superfan_top_share')
            ~ " of users by engagement score), '",
        'cast(' ~ active_days_count ~ ' as ' ~ text ~ ')',
        "' the active-days rule (at least "
            ~ var('fans_superfan_min_active_days') ~ " active days), '",
        'cast(' ~ recency_count ~ ' as ' ~ text ~ ')',
        "' the recency rule (seen within "
            ~ var('fans_superfan_max_recency_days') ~ " days)'",
    ]) }}
{%- endmacro %}

{#- How many of `relation`'s users pass each condition of the superfan rule
    (the boolean columns named): user_count, score_rule_count,
    active_days_rule_count, recency_rule_count, zeros when it is empty.
    The counts superfan_rules_note words. -#}
{% macro superfan_rule_counts(
    relation, score_column, active_days_column, recency_column
) -%}
    select
        count(*) as user_count,
        coalesce(
            sum(case when {{ score_column }} then 1 else 0 end), 0
        ) as score_rule_count,
        coalesce(
            sum(case when {{ active_days_column }} then 1 else 0 end), 0
        ) as active_days_rule_count,
        coalesce(
            sum(case when {{ recency_column }} then 1 else 0 end), 0
        ) as recency_rule_count

    from {{ relation }}
{%- endmacro %}
