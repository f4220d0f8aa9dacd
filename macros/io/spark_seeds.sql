{#- Seeds on Spark: dbt-spark's session method binds each value as '<value>'
    without escaping (a name like O'Brien breaks the statement) and a null
    as the text 'None'. This override writes each value as a SQL literal
    instead: null, a number or boolean as is, text quoted with its
    backslashes and quotes escaped (Spark's string literal rules), so a
    seed loads as it does on DuckDB (an empty cell is null). All rows in
    one statement: one write job, whose files (part-00000, part-00001, ...
    of one job id) hold the rows in file order, which numbered_rows reads
    back through _metadata; batches would be jobs with random ids. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set batch_size = [agate_table.rows | length, 1] | max -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(
            column_name, adapter.convert_type(agate_table, loop.index0)
        )) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ spark_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- A Python value from a seed's CSV as a Spark SQL literal. -#}
{% macro spark_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ (value | string) | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
