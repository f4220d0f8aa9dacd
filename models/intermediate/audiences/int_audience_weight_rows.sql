-- depends_on: {{ ref('audiences_objective_weights') }}
{%- set weights_path = input_path(var('audiences_weights_path')) -%}
{{ config(materialized='table') }}
{#- The weight table as read, one row per audience name: seed
    audiences_objective_weights, or your file through var
    audiences_weights_path, both in the format of the system this domain
    replaces (semicolon-separated, `name` and one 0-5 column per legacy
    objective). A missing column, an unreadable line, a row without a name,
    a name given twice or a weight that is not a whole number 0 to 5 fails
    the build naming the file and the row (macro assert_weight_table); a
    line with every field missing is blank. Each name is matched, trimmed
    and lower-cased, to its audience family by seed audiences_weight_names:
    null when the seed does not know it (dim_audience_weights reports it);
    a table none of whose names maps (or with no named row) fails the build
    naming the file (macro assert_weight_names_map). A column that is not
    read (not `name` or an objective) is named in a warning in the build
    log (macro warn_unread_columns), never dropped silently. -#}
{%- set objectives = seed_column_values(
    'audiences_objectives', 'legacy_objective'
) -%}
{%- set weight_rows = read_data_file(weights_path, 'audiences_weights')
    if weights_path else numbered_rows(ref('audiences_objective_weights')) -%}
{%- set label = weights_path or 'seed audiences_objective_weights' -%}
{%- do assert_input_shape(weight_rows, ['name'] + objectives, label) %}
{%- do assert_weight_table(weight_rows, objectives, label) %}
{%- do assert_weight_names_map(
    weight_rows, ref('audiences_weight_names'), label
) %}
{%- do warn_unread_columns(weight_rows, ['name'] + objectives, label) %}

with

weight_rows as (

    select * from {{ weight_rows }}

),

names as (

    select * from {{ ref('audiences_weight_names') }}

),

read_rows as (

    select
        cast(source_row_number as {{ dbt.type_bigint() }})
            as source_row_number,
        lower(trim({{ missing_as_null('name') }})) as weight_name,
        {%- for objective in objectives %}
            {{ dbt.safe_cast(
                missing_as_null(adapter.quote(objective)), dbt.type_int()
            ) }} as {{ objective }},
        {%- endfor %}
        '{{ label | replace("'", "''") }}' as weight_table

    from weight_rows

),

named as (

    select
        read_rows.*,
        names.audience_family

    from read_rows

    left join names
        on read_rows.weight_name = lower(trim(names.name))

    where read_rows.weight_name is not null

)

select * from named
