{#- The upload file of the audience in var audiences_export_audience, in
    the platform's customer-list format (int_audience_export_rows): hashed
    identifiers under the platform's field names, split into batches of at
    most var audiences_export_batch_size rows (the platform takes 10,000
    per request), in the order of the person key as a number (`9` before
    `10`; the key is a bigint upstream, so every extern_id is one), as `python3 warehouse.py export-audience` writes any audience's
    files. -#}

with

export_rows as (

    select * from {{ ref('int_audience_export_rows') }}
    where audience_key = '{{ var("audiences_export_audience") }}'

),

numbered as (

    select
        *,
        cast(
            row_number() over (
                order by cast(extern_id as {{ dbt.type_bigint() }})
            ) as {{ dbt.type_bigint() }}
        ) as row_number_in_export

    from export_rows

),

batched as (

    select
        *,
        cast(
            ceiling(
                row_number_in_export
                / {{ var('audiences_export_batch_size') }}.0
            ) as {{ dbt.type_int() }}
        ) as batch_number

    from numbered

)

select * from batched
