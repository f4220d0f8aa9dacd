{#- Fails the run with one message naming a user's category map file
    (`label`), its first problem rows and what to do, when a line of it
    cannot be read, an interest has no category (or a category no
    interest), or one interest is given two categories. A map is a small
    reference a person keeps: a wrong line is fixed in the file, not
    rejected row by row (dropped, its interest would silently fall out of
    every category). A line whose fields are all missing (`,,` from a
    spreadsheet) is blank: not a row. `rows`: the map as read (with
    source_row_number and malformed_detail); `interest_column` and
    `category_column`: its columns. Only when models are built. -#}
{% macro assert_category_map(rows, interest_column, category_column, label) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set problems = run_query(
        "with mapped as (select source_row_number, malformed_detail, "
        ~ "lower(trim(" ~ missing_as_null(adapter.quote(interest_column))
        ~ ")) as interest, lower(trim("
        ~ missing_as_null(adapter.quote(category_column))
        ~ ")) as category from " ~ rows ~ "), "
        ~ "problems as ("
        ~ "select source_row_number, 'unreadable ' || malformed_detail"
        ~ " as problem from mapped where malformed_detail is not null"
        ~ " union all select source_row_number, 'data row ' ||"
        ~ " cast(source_row_number as " ~ text ~ ") || ': interest ''' || interest"
        ~ " || ''' has no category' from mapped where malformed_detail is"
        ~ " null and interest is not null and category is null"
        ~ " union all select source_row_number, 'data row ' ||"
        ~ " cast(source_row_number as " ~ text ~ ") || ': category ''' || category"
        ~ " || ''' has no interest' from mapped where malformed_detail is"
        ~ " null and interest is null and category is not null"
        ~ " union all select min(source_row_number), 'data row ' ||"
        ~ " cast(min(source_row_number) as " ~ text ~ ") || ': interest ''' ||"
        ~ " interest || ''' has ' || cast(count(distinct category) as " ~ text
        ~ ") || ' categories (among them ''' || min(category) || ''' and '''"
        ~ " || max(category) || ''')' from mapped"
        ~ " where interest is not null and category is not null"
        ~ " group by interest having count(distinct category) > 1) "
        ~ "select problem, count(*) over () from problems"
        ~ " order by source_row_number limit 5"
    ).rows -%}
    {%- do raise_listed_problems(
        problems,
        "Category map '" ~ label ~ "' has ",
        " problem row(s) (data rows counted from 1 after the header,"
        ~ " blank and unreadable lines aside; an unreadable line by its"
        ~ " line in the file): ",
        ". Fix these lines in the file: each line maps one interest to one"
        ~ " category.",
    ) -%}
{% endmacro %}
