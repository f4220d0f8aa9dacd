{#- percent_rank() over (order by <column>) for every distinct value of a
    column, computed over the distinct values instead of every row: one
    row per value with `ranked_value` and `percent_rank` (the share of the
    other rows with a smaller value: rows below / (rows - 1), 0 for a
    single row; the same doubles as percent_rank). Left join it back on
    the value (a null value finds no rank, and its row stays). A window
    without partitions holds every row at once (out of memory at
    10,000,000 users under a 1 GB limit); a grouped count spills, and the
    window then runs over the distinct values only (a few thousand for an
    engagement score). `relation` is a CTE or relation name. -#}
{% macro value_percent_ranks(relation, column) -%}
    select
        ranked_value,
        coalesce({{ safe_divide('rows_below', 'row_count - 1') }}, 0)
            as percent_rank

    from (

        select
            ranked_value,
            coalesce(sum(value_count) over (
                order by ranked_value asc
                rows between unbounded preceding and 1 preceding
            ), 0) as rows_below,
            sum(value_count) over () as row_count

        from (

            select
                {{ column }} as ranked_value,
                count(*) as value_count

            from {{ relation }}

            group by {{ column }}

        ) as value_counts

    ) as cumulative
{%- endmacro %}
