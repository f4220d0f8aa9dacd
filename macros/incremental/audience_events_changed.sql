{#- The audiences events' reset condition (int_audience_events_validated,
    besides a changed fingerprint), as SQL: a source has fewer rows than
    are loaded from it (replaced, not appended), lines unreadable in a CSV
    were loaded (they are numbered after the readable rows, so appending
    renumbers them), or the people changed under the loaded events (a
    person rejected as unknown is now known, or the person of an event that
    passed that rule is gone). `staging` maps each event_source to its
    staging model. Rendered in the pre-hook, where `this` and `ref` are the
    built relations. -#}
{% macro audience_events_changed(staging) -%}
    {%- set people = ref('int_audience_people_cleaned') -%}
    {%- set checks = [
        'exists (select 1 from ' ~ this ~ ' where reject_detail is not null)',
        'exists (select 1 from ' ~ this ~ " as loaded where loaded.reject_reason"
            ~ " = 'unknown_person' and loaded.person_id in (select person_id from "
            ~ people ~ '))',
        'exists (select 1 from ' ~ this ~ ' as loaded where (loaded.reject_reason'
            ~ " is null or loaded.reject_reason = 'exact_duplicate') and not exists"
            ~ ' (select 1 from ' ~ people ~ ' as known'
            ~ ' where known.person_id = loaded.person_id))',
    ] -%}
    {%- for event_source, model_name in staging.items() -%}
        {%- do checks.append(
            '(select count(*) from ' ~ ref(model_name) ~ ') < (select count(*) from '
            ~ this ~ " where event_source = '" ~ event_source ~ "')"
        ) -%}
    {%- endfor -%}
    {{ return(checks | join(' or ')) }}
{%- endmacro %}
