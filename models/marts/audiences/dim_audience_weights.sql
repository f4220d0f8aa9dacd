{#- The weight table as the build read it (seed audiences_objective_weights
    or your file through var audiences_weights_path), one row per audience
    name, with the audience family seed audiences_weight_names maps it to
    and what became of it (`weight_status`): `used` (its family's audiences
    are scored with its weights), `unknown name` (the mapping seed does not
    know it: its weights are not used), `no audience of its family` (mapped,
    but the audience list has none). Plus one row per audience family of
    the list that no name gives weights to (`no weights: not scored`), so
    nothing falls out of the scores silently. -#}

with

weight_rows as (

    select * from {{ ref('int_audience_weight_rows') }}

),

audiences as (

    select * from {{ ref('dim_audiences') }}

),

weight_table as (

    select max(weight_table) as weight_table
    from weight_rows

),

families as (

    select
        audience_family,
        count(*) as audience_count

    from audiences

    group by audience_family

),

named_rows as (

    select
        weight_rows.weight_table,
        weight_rows.source_row_number,
        weight_rows.weight_name,
        weight_rows.audience_family,
        coalesce(families.audience_count, 0) as audience_count,
        case
            when weight_rows.audience_family is null then 'unknown name'
            when families.audience_family is null
                then 'no audience of its family'
            else 'used'
        end as weight_status

    from weight_rows

    left join families
        on weight_rows.audience_family = families.audience_family

),

unweighted_families as (

    select
        weight_table.weight_table,
        cast(null as {{ dbt.type_bigint() }}) as source_row_number,
        cast(null as {{ dbt.type_string() }}) as weight_name,
        families.audience_family,
        families.audience_count,
        'no weights: not scored' as weight_status

    from families

    cross join weight_table

    left join weight_rows
        on families.audience_family = weight_rows.audience_family

    where weight_rows.audience_family is null

),

all_rows as (

    select * from named_rows
    union all
    select * from unweighted_families

)

select * from all_rows
