{#- The export's summary for the audience in var audiences_export_audience:
    per field, how many members have a usable value and how many were
    dropped and why; one row per field and status, plus `ROWS` rows:
    members exported, and members left out because not one of their fields
    was usable. -#}

with

field_counts as (

    select * from {{ ref('int_audience_export_field_counts') }}
    where audience_key = '{{ var("audiences_export_audience") }}'

),

memberships as (

    select count(*) as member_count
    from {{ ref('int_audience_memberships') }}
    where audience_key = '{{ var("audiences_export_audience") }}'

),

exported as (

    select count(*) as exported_count
    from {{ ref('fct_audience_export') }}

),

row_counts as (

    select
        '{{ var("audiences_export_audience") }}' as audience_key,
        'ROWS' as field_name,
        'exported' as field_status,
        true as is_exported,
        exported.exported_count as person_count

    from exported

    union all

    select
        '{{ var("audiences_export_audience") }}' as audience_key,
        'ROWS' as field_name,
        'no_usable_identifier' as field_status,
        false as is_exported,
        memberships.member_count - exported.exported_count as person_count

    from memberships

    cross join exported

),

summary as (

    select * from field_counts
    union all
    select * from row_counts

)

select * from summary
