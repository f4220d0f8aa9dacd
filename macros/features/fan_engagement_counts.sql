{#- Engagement count columns for an aggregate over engagement events: all,
    and one per type (like, comment, share). Used by every fans model that
    counts engagements, so the columns mean the same everywhere. -#}
{% macro fan_engagement_counts() -%}
    count(*) as engagement_count,
    count(case when engagement_type = 'like' then 1 end) as like_count,
    count(case when engagement_type = 'comment' then 1 end) as comment_count,
    count(case when engagement_type = 'share' then 1 end) as share_count
{%- endmacro %}
