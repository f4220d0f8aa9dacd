{#- The superfan rule's three conditions, as boolean expressions over a
    score percentile (0 to 1), a count of active days and days since the
    last engagement: top var fans_superfan_top_share by score, at least var
    fans_superfan_min_active_days active days, last seen within var
    fans_superfan_max_recency_days. `part` is 'score', 'active_days' or
    'recency'. One definition for the current flags and the persistence
    mart's flags at a past date. -#}
{% macro superfan_rule(part, percentile, active_days, recency_days) -%}
    {%- if part == 'score' -%}
        {{ percentile }} >= 1 - {{ var('fans_superfan_top_share') }}
    {%- elif part == 'active_days' -%}
        {{ active_days }} >= {{ var('fans_superfan_min_active_days') }}
    {%- elif part == 'recency' -%}
        {{ recency_days }} <= {{ var('fans_superfan_max_recency_days') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("superfan_rule: unknown part " ~ part) }}
    {%- endif -%}
{%- endmacro %}
