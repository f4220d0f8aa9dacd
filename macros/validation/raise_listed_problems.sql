{#- Fails the run when `problems` (rows of a check query: the problem in
    words, then the count of all problems) is not empty, with one message:
    `before_count`, the count, `before_list`, the problems joined by `; `,
    then `after_list`. The checks of a small reference file a person keeps
    (assert_category_map, assert_weight_table) name its first problem rows
    this way. -#}
{% macro raise_listed_problems(problems, before_count, before_list, after_list) %}
    {%- if problems | length > 0 -%}
        {%- set listed = [] -%}
        {%- for row in problems -%}
            {%- do listed.append(row[0]) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            before_count ~ problems[0][1] ~ before_list
            ~ listed | join('; ') ~ after_list) }}
    {%- endif -%}
{% endmacro %}
