{#- "Now" for membership: the end of the day in var audiences_as_of_date
    (23:59:59), or, when it is null, the last clean event. One row. -#}

with

events as (

    select * from {{ ref('int_audience_events_cleaned') }}

),

as_of as (

    {%- if var('audiences_as_of_date') %}
    select
        {{ dbt.dateadd(
            'second', 86399,
            "cast('" ~ var('audiences_as_of_date') ~ "' as "
            ~ dbt.type_timestamp() ~ ")",
        ) }} as as_of_at
    {%- else %}
        select max(event_at) as as_of_at
        from events
    {%- endif %}

)

select * from as_of
