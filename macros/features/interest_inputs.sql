{#- The names among `names` that `relation` has as columns (case-insensitive),
    probed when models are built; when compiling or linting every name is
    taken as present. For optional input columns. -#}
{% macro optional_columns(relation, names) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return(names) }}
    {%- endif -%}
    {%- set probe = run_query('select * from ' ~ relation ~ ' limit 0') -%}
    {%- set found = probe.column_names | map('lower') | list -%}
    {{ return(names | select('in', found) | list) }}
{% endmacro %}

{#- The wide input's columns (stg_social_platform__user_interests_wide),
    sorted into `user` (the column named in var interests_wide_user_column;
    none when the var is empty: the rows' numbers are the ids),
    `profile` (a dict: lower-cased name in var interests_wide_profile_columns
    -> column) and `interests` (every other column: one interest count
    each), all as quoted column expressions, and `interest_names` (the
    interests' names, trimmed and lower-cased, as the map is matched). Only
    when the wide form is in use and the model is built; otherwise empty. -#}
{% macro interest_wide_columns() %}
    {%- set result = {'user': none, 'profile': {}, 'interests': [], 'interest_names': []} -%}
    {%- if not (execute and var('interests_wide_path')) -%}
        {{ return(result) }}
    {%- endif -%}
    {%- set technical = ['source_row_number', 'malformed_reason', 'malformed_detail'] -%}
    {%- set user_column = (var('interests_wide_user_column') or '') | lower -%}
    {%- set profile_columns = var('interests_wide_profile_columns') | map('lower') | list -%}
    {%- set columns = adapter.get_columns_in_relation(
        ref('stg_social_platform__user_interests_wide')
    ) -%}
    {%- for column in columns -%}
        {%- set name = column.name | lower -%}
        {%- if name in technical -%}
        {%- elif name == user_column -%}
            {%- do result.update({'user': adapter.quote(column.name)}) -%}
        {%- elif name in profile_columns -%}
            {%- do result.profile.update({name: adapter.quote(column.name)}) -%}
        {%- else -%}
            {%- do result.interests.append(adapter.quote(column.name)) -%}
            {%- do result.interest_names.append(column.name | trim | lower) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not result.interests -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ var('interests_wide_path') ~ "' has no interest count"
            ~ " columns: every column is the user column ("
            ~ var('interests_wide_user_column') ~ ") or a profile column ("
            ~ profile_columns | join(', ') ~ ").") }}
    {%- endif -%}
    {{ return(result) }}
{% endmacro %}
