{#- "Now" from the events themselves, robust to a few events dated ahead
    of the rest (a typed year 2099 is inside the plausible range).

    CTEs for a `with` (the caller's must end in a comma before them) giving
    `robust_as_of`: one row, four columns:
      as_of_at            the latest event time that is at most
                          var as_of_tolerance_days after the reference time;
      latest_event_at     the latest event time of all;
      events_after_as_of  events later than as_of_at (out of scope, as after
                          an as-of date set by var);
      as_of_rule          in words, how as_of_at was found.
    The reference time is the (k + 1)-th latest event, where k, the number
    of latest events that may be out of line, is the share
    var as_of_ignorable_share of the events, at least one: with 24,688
    events, the 247th latest. One event (or any share below k) dated years
    ahead cannot move "now"; an ordinary last day, every event within the
    tolerance of the reference, leaves "now" at the last event. With no
    event at all, every column is null but the rule.

    `events`: a relation or CTE name; `time_column`: its event time.
    `set_at`: a SQL timestamp expression that sets "now" (an as-of var),
    with `set_rule` its rule in words; the latest event and the events after
    "now" are still counted, once, here. -#}
{% macro robust_as_of_ctes(events, time_column, set_at=none, set_rule=none) -%}
    {%- set share = var('as_of_ignorable_share') -%}
    {%- set tolerance_days = var('as_of_tolerance_days') -%}
    as_of_ranked as (

        select
            {{ time_column }} as event_at,
            row_number() over (order by {{ time_column }} desc) as latest_rank,
            count(*) over () as event_count

        from {{ events }}

        where {{ time_column }} is not null

    ),

    as_of_reference as (

        select event_at as reference_at

        from as_of_ranked

        where
            latest_rank = least(
                event_count,
                1 + greatest(1, cast(floor({{ share }} * event_count) as bigint))
            )

    ),

    as_of_kept as (

        {%- if set_at %}
        select {{ set_at }} as as_of_at
        {%- else %}
        select max(as_of_ranked.event_at) as as_of_at

        from as_of_ranked

        cross join as_of_reference

        where
            as_of_ranked.event_at <= {{ dbt.dateadd(
                'second',
                (tolerance_days * 86400) | int,
                'as_of_reference.reference_at',
            ) }}
        {%- endif %}

    ),

    as_of_counts as (

        select
            max(as_of_ranked.event_at) as latest_event_at,
            sum(
                case when as_of_ranked.event_at > as_of_kept.as_of_at then 1 else 0 end
            ) as events_after_as_of

        from as_of_ranked

        cross join as_of_kept

    ),

    robust_as_of as (

        select
            as_of_kept.as_of_at,
            as_of_counts.latest_event_at,
            coalesce(as_of_counts.events_after_as_of, 0) as events_after_as_of,
            case
                {%- if set_at %}
                when true then '{{ set_rule }}'
                {%- endif %}
                when as_of_counts.latest_event_at is null then 'no events'
                when as_of_counts.events_after_as_of = 0 then 'the last event'
                else
                    'the last event at most {{ tolerance_days }} days ahead of the rest: '
                    || cast(as_of_counts.events_after_as_of as {{ dbt.type_string() }})
                    || ' later event(s), up to '
                    || cast(as_of_counts.latest_event_at as {{ dbt.type_string() }})
                    || ', are out of line and out of scope'
            end as as_of_rule

        from as_of_counts

        cross join as_of_kept

    )
{%- endmacro %}
