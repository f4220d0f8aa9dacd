{%- set page_ids = var('fans_page_ids') -%}
{%- set start_date = var('fans_start_date') -%}
{%- set end_date = var('fans_end_date') -%}

with

posts as (

    select * from {{ ref('int_fan_posts_cleaned') }}

),

in_scope as (

    {#- Posts on the pages in var fans_page_ids (empty = all), posted within
        fans_start_date .. fans_end_date (inclusive, null = open). -#}
    select * from posts

    where true
    {%- if page_ids %}
            and page_id in ({{ page_ids | join(', ') }})
        {%- endif %}
    {%- if start_date %}
            and cast(posted_at as date) >= cast('{{ start_date }}' as date)
        {%- endif %}
    {%- if end_date %}
            and cast(posted_at as date) <= cast('{{ end_date }}' as date)
        {%- endif %}

)

select * from in_scope
