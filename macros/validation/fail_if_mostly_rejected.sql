{#- A post-hook for a validation model (`reject_reason` null = clean): when
    more than var `reject_fail_share` of the input's rows are rejected, the
    build fails with one message naming the input (the file in var
    `path_var`, else the sample seed `seed_name`), the share, the top
    reasons and a hint, instead of exiting 0 with a warning. A
    semicolon-delimited file with decimal commas is named as such. Returns
    a no-op statement. -#}
{% macro fail_if_mostly_rejected(relation, path_var, seed_name) %}
    {%- if not execute -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set path = input_path(var(path_var)) -%}
    {%- set label = path or 'sample seed ' ~ seed_name -%}
    {%- set max_share = var('reject_fail_share') -%}
    {%- set counts = run_query(
        'select count(*) as row_count, count(reject_reason) as rejected_count'
        ~ ' from ' ~ relation
    ).rows[0] -%}
    {%- set row_count = counts[0] | int -%}
    {%- set rejected_count = counts[1] | int -%}
    {%- if row_count > 0 and rejected_count / row_count > max_share | float -%}
        {%- set top = run_query(
            'select reject_reason, count(*) as row_count from ' ~ relation
            ~ ' where reject_reason is not null group by reject_reason'
            ~ ' order by row_count desc, reject_reason limit 3'
        ) -%}
        {%- set reasons = [] -%}
        {%- for row in top.rows -%}
            {%- do reasons.append(row[0] ~ ': ' ~ row[1]) -%}
        {%- endfor -%}
        {%- set hint = reject_hint(path, top.rows[0][0]) -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ label ~ "': " ~ rejected_count ~ " of " ~ row_count
            ~ " rows (" ~ ((100.0 * rejected_count / row_count) | round(1))
            ~ "%) were rejected, more than the " ~ (100 * max_share | float)
            ~ "% allowed (var reject_fail_share). Top reasons: "
            ~ reasons | join(', ') ~ ". " ~ hint) }}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}

{#- The hint of fail_if_mostly_rejected, from the file at `path` and the
    most frequent reason `top_reason`: a file that is not UTF-8 is named as
    such; a CSV whose first 20 lines look semicolon-delimited with decimal
    commas (a semicolon in the header, a digit-comma-digit in a data line)
    is named as such; otherwise what usually causes it. -#}
{% macro reject_hint(path, top_reason) %}
    {%- set generic = "Check the file: columns under other names or in"
        ~ " other units reject most rows; int_*_rejected lists every row"
        ~ " with its reason." -%}
    {%- if top_reason == 'not_utf8' -%}
        {{ return("Most lines are not UTF-8 text: save the file as UTF-8"
            ~ " (CSV UTF-8 in a spreadsheet program). " ~ generic) }}
    {%- endif -%}
    {%- if not path or (path | lower).endswith('.parquet') -%}
        {{ return(generic) }}
    {%- endif -%}
    {%- set generic = "Check the file: a wrong delimiter, decimal commas"
        ~ " (1,5 for 1.5), or columns under other names or in other units"
        ~ " reject most rows; int_*_rejected lists every row with its reason."
    -%}
    {%- if not (path | lower).endswith('.csv') -%}
        {{ return(generic) }}
    {%- endif -%}
    {%- set lines = run_query(
        "select line from read_csv('" ~ (path | replace("'", "''"))
        ~ "', header = false, columns = {'line': 'VARCHAR'}, delim = '\x01',"
        ~ " quote = '', escape = '', comment = '', auto_detect = false,"
        ~ " ignore_errors = true, strict_mode = false)"
        ~ " limit 20"
    ).columns[0].values() | list -%}
    {%- set decimal_commas = [] -%}
    {%- for line in lines[1:] if modules.re.search('[0-9],[0-9]', line) -%}
        {%- do decimal_commas.append(line) -%}
    {%- endfor -%}
    {%- if lines and ';' in lines[0] and decimal_commas -%}
        {{ return("The file looks semicolon-delimited with decimal commas"
            ~ " (a European spreadsheet export): save it as CSV with commas"
            ~ " between fields and points in numbers. " ~ generic) }}
    {%- endif -%}
    {{ return(generic) }}
{% endmacro %}
