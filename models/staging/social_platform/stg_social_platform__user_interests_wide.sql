{#- The wide form (var interests_wide_path): the file's rows as they are,
    every column kept (a CSV's as text), numbered. Which column is the user,
    which are profile columns and which are interest counts is decided
    downstream (macro interest_wide_columns). Without the var, no rows: the
    domain reads the long form. Schema pii: a wide file may carry names. -#}
{%- set wide_path = input_path(var('interests_wide_path')) -%}
{{ config(materialized='table') }}
{%- if wide_path %}
    {%- set wide = read_data_file(wide_path, 'interests_wide') -%}
    {#- Without an id column (var interests_wide_user_column empty), the
        rows' numbers are the ids (int_interest_users_validated). -#}
    {%- set user_column = var('interests_wide_user_column') or '' -%}
    {%- do assert_input_shape(
        wide, [user_column] if user_column else [], wide_path
    ) %}

    select * from {{ wide }}
{%- else %}

    select
        cast(null as bigint) as source_row_number,
        cast(null as {{ dbt.type_string() }}) as malformed_reason,
        cast(null as {{ dbt.type_string() }}) as malformed_detail

    where 1 = 0
{%- endif %}
