{#- `relation`'s `columns` (one type, e.g. text) as rows, for a from
    clause: one row per row of `relation` and column, null cells kept, the
    column's name from `names` (in the same order) in `name_column`, its
    value in `value_column`; every other column of `relation` is carried.
    One pass over `relation` however many columns (a union of one select
    per column reads it once per column). SQL-standard UNPIVOT (DuckDB;
    Spark 3.4 and later); the names are string literals in DuckDB and
    quoted identifiers in Spark, which takes no literal there. -#}
{% macro unpivot_cells(relation, columns, names, name_column, value_column) -%}
    {{ return(adapter.dispatch('unpivot_cells', 'audience_warehouse')(
        relation, columns, names, name_column, value_column)) }}
{%- endmacro %}

{% macro default__unpivot_cells(
    relation, columns, names, name_column, value_column
) -%}
    {{ relation }} unpivot include nulls (
        {{ value_column }} for {{ name_column }} in (
            {% for column in columns -%}
                {{ column }} as '{{ names[loop.index0] | replace("'", "''") }}'
                {{- ',' if not loop.last }}
            {% endfor -%}
        )
    )
{%- endmacro %}

{% macro spark__unpivot_cells(
    relation, columns, names, name_column, value_column
) -%}
    {{ relation }} unpivot include nulls (
        {{ value_column }} for {{ name_column }} in (
            {% for column in columns -%}
                {{ column }} as `{{ names[loop.index0] | replace('`', '``') }}`
                {{- ',' if not loop.last }}
            {% endfor -%}
        )
    )
{%- endmacro %}
