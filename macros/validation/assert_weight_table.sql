{#- Fails the run with one message naming the weight table (`label`: your
    file, or the seed), its first problem rows and what to do, when a line
    of it cannot be read, a row has no name, one name is given twice, or a
    weight is missing or not a whole number 0 to 5. A weight table is a
    small reference a person keeps: a wrong line is fixed in the file, not
    dropped (its audience would silently fall out of the scores). A line
    whose fields are all missing (`;;;` from a spreadsheet) is blank: not a
    row. `rows`: the table as read (with source_row_number and
    malformed_detail); `objectives`: its weight columns. Only when models
    are built. -#}
{% macro assert_weight_table(rows, objectives, label) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set name = 'lower(trim(' ~ missing_as_null(adapter.quote('name')) ~ '))' -%}
    {%- set row_label = "'data row ' || cast(source_row_number as " ~ text
        ~ ") || coalesce(' (' || name || ')', '')" -%}
    {%- set query -%}
        with table_rows as (
            select
                source_row_number,
                malformed_detail,
                {{ name }} as name
                {%- for objective in objectives %},
                {{ missing_as_null(adapter.quote(objective)) }}
                    as raw_{{ loop.index }}
                {%- endfor %}
            from {{ rows }} as weight_rows
        ),

        filled as (
            select * from table_rows
            where malformed_detail is not null
                or coalesce(name
                {%- for objective in objectives -%}
                    , raw_{{ loop.index }}
                {%- endfor %}) is not null
        ),

        cells as (
            {%- for objective in objectives %}
            select
                source_row_number,
                name,
                '{{ objective }}' as objective,
                raw_{{ loop.index }} as raw_weight
            from filled
            where malformed_detail is null
            {%- if not loop.last %}
            union all
            {%- endif %}
            {%- endfor %}
        ),

        weighed as (
            select
                *,
                {{ dbt.safe_cast('raw_weight', dbt.type_int()) }} as weight
            from cells
        ),

        problems as (
            select
                source_row_number,
                'unreadable ' || malformed_detail as problem
            from filled
            where malformed_detail is not null
            union all
            select
                source_row_number,
                {{ row_label }} || ': the name is missing' as problem
            from filled
            where malformed_detail is null and name is null
            union all
            select
                min(source_row_number) as source_row_number,
                'data row ' || cast(min(source_row_number) as {{ text }})
                || ' (' || name || '): the name is given '
                || cast(count(*) as {{ text }}) || ' times' as problem
            from filled
            where malformed_detail is null and name is not null
            group by name
            having count(*) > 1
            union all
            select
                source_row_number,
                {{ row_label }} || ': ' || objective || ' '
                || case
                    when raw_weight is null then 'is missing'
                    else 'is ''' || raw_weight
                        || ''', not a whole number 0 to 5'
                end as problem
            from weighed
            where coalesce(weight between 0 and 5, false) = false
        )

        select problem, count(*) over () as problem_count
        from problems
        order by source_row_number, problem
        limit 5
    {%- endset -%}
    {%- set problems = run_query(query).rows -%}
    {%- do raise_listed_problems(
        problems,
        "Weight table '" ~ label ~ "' has ",
        " problem(s) (data rows counted from 1 after the header, blank"
        ~ " lines aside; an unreadable line by its line in the file): ",
        ". Fix these lines: each line gives one audience name a whole"
        ~ " number 0 to 5 for each of " ~ objectives | join(', ') ~ ".",
    ) -%}
{% endmacro %}
