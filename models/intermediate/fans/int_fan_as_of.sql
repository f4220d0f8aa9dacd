with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

as_of as (

    {#- "Now" for recency and labels: var fans_as_of_date, or the last
        engagement in scope (models never call now()). -#}
    select
        {% if var('fans_as_of_date') -%}
            cast('{{ var("fans_as_of_date") }}' as timestamp)
        {%- else -%}
            max(engaged_at)
        {%- endif %} as as_of_at

    from engagements

)

select * from as_of
