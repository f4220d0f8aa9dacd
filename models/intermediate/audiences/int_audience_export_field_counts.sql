{#- Per audience, per customer-list field and status: how many members
    have a usable value (`valid`, or `hashed`: passed through as already
    hashed) and how many had it dropped, and why (`missing`,
    `invalid_<field>`). A view, read one audience at a time. DOBY, DOBM and
    DOBD share the birth date's status. -#}
{%- set fields = [
    'email', 'phone', 'fn', 'ln', 'ct', 'country', 'zip', 'gen',
] -%}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

hashed as (

    select * from {{ ref('int_audience_people_hashed') }}

),

statuses as (

    {%- for field in fields + ['dob'] %}
        select
            memberships.audience_key,
            '{{ 'DOBY, DOBM, DOBD' if field == 'dob' else field | upper }}'
                as field_name,
            hashed.{{ field }}_status as field_status
        from memberships
        inner join hashed
            on memberships.person_id = hashed.person_id
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

counted as (

    select
        audience_key,
        field_name,
        field_status,
        field_status in ('valid', 'hashed') as is_exported,
        count(*) as person_count

    from statuses

    group by audience_key, field_name, field_status

)

select * from counted
