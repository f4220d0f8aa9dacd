{#- "Now" for membership: the end of the day in var audiences_as_of_date
    (23:59:59), or, when it is null, the last clean event. One row. -#}

with

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

as_of as (

    select
        {%- if var('audiences_as_of_date') %}
            {{ dbt.dateadd(
                'second', 86399,
                "cast('" ~ var('audiences_as_of_date') ~ "' as "
                ~ dbt.type_timestamp() ~ ")",
            ) }} as as_of_at
        {%- else %}
            max(event_at) as as_of_at
        {%- endif %}

    from events

)

select * from as_of
