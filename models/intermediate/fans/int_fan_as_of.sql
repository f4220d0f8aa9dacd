with

engagements as (

    select * from {{ ref('int_fan_engagements_cleaned') }}

),

as_of as (

    {#- "Now" for recency and labels: var fans_as_of_date (events after it
        are out of scope), or the last valid engagement up to fans_end_date
        (models never call now()). One row either way. -#}
    select
        {% if var('fans_as_of_date') -%}
            cast('{{ var("fans_as_of_date") }}' as timestamp)
        {%- else -%}
            max(engaged_at)
        {%- endif %} as as_of_at

    from engagements

    {% if var('fans_as_of_date') -%}
        limit 1
    {%- elif var('fans_end_date') -%}
        where cast(engaged_at as date) <= cast('{{ var("fans_end_date") }}' as date)
    {%- endif %}

)

select * from as_of
