{#- Fails the run with one message naming the weight table (`label`: your
    file, or the seed) when none of its names maps to an audience family
    of `names` (seed audiences_weight_names), or it has no named row at all
    (every line blank, `;;;`): nothing would be scored, and every
    objective's choice would be empty. A table in which some names map is
    built; the others are listed in dim_audience_weights (and its
    warn-severity test says so in the build log). `rows`: the table as
    read; `names`: the mapping seed. Only when models are built. -#}
{% macro assert_weight_names_map(rows, names, label) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set name = 'lower(trim(' ~ missing_as_null(adapter.quote('name')) ~ '))' -%}
    {%- set query -%}
        with table_names as (
            select distinct {{ name }} as weight_name
            from {{ rows }} as weight_rows
            where malformed_detail is null
        ),

        known as (
            select distinct lower(trim(name)) as weight_name
            from {{ names }}
        )

        select
            count(table_names.weight_name) as named_count,
            count(known.weight_name) as mapped_count,
            min(table_names.weight_name) as first_name
        from table_names
        left join known
            on table_names.weight_name = known.weight_name
    {%- endset -%}
    {%- set counts = run_query(query).rows[0] -%}
    {%- if counts[0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Weight table '" ~ label ~ "' has no named row (every line is"
            ~ " blank): nothing would be scored. Give each audience a line:"
            ~ " its name, then a whole number 0 to 5 per objective.") }}
    {%- elif counts[1] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Weight table '" ~ label ~ "': none of its " ~ counts[0]
            ~ " name(s) maps to an audience family of seed"
            ~ " audiences_weight_names (such as '" ~ counts[2] ~ "'), so"
            ~ " nothing would be scored. Use that seed's names (such as"
            ~ " 'website step4booking'), or add yours to it.") }}
    {%- endif -%}
{% endmacro %}

{#- Warns (in the build log) naming the columns of the weight table
    (`label`) that are not read: any but `read_columns` (letter case
    aside) and the reader's bookkeeping columns. A blank header name is
    shown as the reader numbers it (`column10`: a trailing `;`). Nothing
    is dropped silently. Only when models are built. -#}
{% macro warn_unread_columns(rows, read_columns, label) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set known = (read_columns + [
        'source_row_number', 'malformed_reason', 'malformed_detail'
    ]) | map('lower') | list -%}
    {%- set probe = run_query('select * from ' ~ rows ~ ' limit 0') -%}
    {%- set unread = [] -%}
    {%- for column in probe.column_names -%}
        {%- if column | lower not in known -%}
            {%- do unread.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if unread -%}
        {%- do exceptions.warn(
            "Weight table '" ~ label ~ "' has " ~ unread | length
            ~ " column(s) that are not read: " ~ unread | join(', ')
            ~ " (a blank header is shown numbered, such as column10 from a"
            ~ " trailing ';'). Only name and the objectives "
            ~ read_columns[1:] | join(', ') ~ " are read.") -%}
    {%- endif -%}
    {{ return(unread) }}
{% endmacro %}
