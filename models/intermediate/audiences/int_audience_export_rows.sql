{#- The customer-list upload rows of every audience (a view: an export
    reads one audience through it, the filter pushed down): one row per
    member with at least one usable identifier, the platform's field names,
    each value normalised and SHA-256 hashed (int_audience_people_hashed);
    EXTERN_ID is the person key, not hashed, as the platform allows. -#}
{%- set fields = ['email', 'phone', 'fn', 'ln', 'ct', 'country', 'zip', 'gen',
    'doby', 'dobm', 'dobd'] -%}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

hashed as (

    select * from {{ ref('int_audience_people_hashed') }}

),

export_rows as (

    select
        {{ dbt.safe_cast('memberships.person_id', dbt.type_string()) }}
            as extern_id,
        {%- for field in fields %}
            hashed.{{ field }}_sha256 as {{ field }},
        {%- endfor %}
        memberships.audience_key

    from memberships

    inner join hashed
        on memberships.person_id = hashed.person_id

    where coalesce(
        {%- for field in fields %}
            hashed.{{ field }}_sha256,
        {%- endfor %}
        null
    ) is not null

)

select * from export_rows
