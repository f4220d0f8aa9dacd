{#- The upload path adds up. For every audience and customer-list field:
    the members counted by status (int_audience_export_field_counts) are
    the audience's members, and those counted usable are the upload rows
    holding a value (int_audience_export_rows). For the exported audience:
    the summary mart's usable counts are the export mart's values, and its
    ROWS are the export's rows and the members. Returns what does not add
    up (check, audience, field, the two counts). -#}
{%- set fields = {
    'EMAIL': 'email', 'PHONE': 'phone', 'FN': 'fn', 'LN': 'ln', 'CT': 'ct',
    'COUNTRY': 'country', 'ZIP': 'zip', 'GEN': 'gen',
    'DOBY, DOBM, DOBD': 'doby',
} -%}

with

memberships as (

    select * from {{ ref('int_audience_memberships') }}

),

field_counts as (

    select * from {{ ref('int_audience_export_field_counts') }}

),

export_rows as (

    select * from {{ ref('int_audience_export_rows') }}

),

export as (

    select * from {{ ref('fct_audience_export') }}

),

summary as (

    select * from {{ ref('fct_audience_export_summary') }}

),

members as (

    select
        audience_key,
        count(*) as member_count

    from memberships

    group by audience_key

),

counted as (

    select
        audience_key,
        field_name,
        sum(person_count) as counted_count,
        sum(case when is_exported then person_count else 0 end)
            as usable_count

    from field_counts

    group by audience_key, field_name

),

valued as (

    {%- for name, column in fields.items() %}
        select
            audience_key,
            '{{ name }}' as field_name,
            count({{ column }}) as valued_count
        from export_rows
        group by audience_key
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

exported_values as (

    {%- for name, column in fields.items() %}
        select
            '{{ name }}' as field_name,
            count({{ column }}) as valued_count
        from export
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
    union all
    select
        'ROWS' as field_name,
        count(*) as valued_count
    from export

),

summary_counts as (

    select
        field_name,
        sum(person_count) as counted_count,
        sum(case when is_exported then person_count else 0 end)
            as usable_count

    from summary

    group by field_name

),

export_members as (

    select count(*) as member_count
    from memberships
    where audience_key = '{{ var("audiences_export_audience") }}'

),

mismatches as (

    select
        'field counts against members' as check_name,
        counted.audience_key,
        counted.field_name,
        counted.counted_count,
        coalesce(members.member_count, 0) as expected_count

    from counted

    left join members
        on counted.audience_key = members.audience_key

    where counted.counted_count != coalesce(members.member_count, 0)

    union all

    select
        'usable counts against upload rows' as check_name,
        counted.audience_key,
        counted.field_name,
        counted.usable_count as counted_count,
        coalesce(valued.valued_count, 0) as expected_count

    from counted

    left join valued
        on
            counted.audience_key = valued.audience_key
            and counted.field_name = valued.field_name

    where counted.usable_count != coalesce(valued.valued_count, 0)

    union all

    select
        'summary against the export mart' as check_name,
        '{{ var("audiences_export_audience") }}' as audience_key,
        summary_counts.field_name,
        summary_counts.usable_count as counted_count,
        coalesce(exported_values.valued_count, 0) as expected_count

    from summary_counts

    left join exported_values
        on summary_counts.field_name = exported_values.field_name

    where
        summary_counts.usable_count
        != coalesce(exported_values.valued_count, 0)

    union all

    select
        'summary against members' as check_name,
        '{{ var("audiences_export_audience") }}' as audience_key,
        summary_counts.field_name,
        summary_counts.counted_count,
        export_members.member_count as expected_count

    from summary_counts

    cross join export_members

    where summary_counts.counted_count != export_members.member_count

)

select * from mismatches
