{#- A table expression reading a user's file at `path` for the input `name`
    (such as 'ads'), with every column of the file plus three:
    source_row_number (the data row's position in the file, 1 = the first
    row after the header), malformed_reason and malformed_detail (null for a
    readable row). Called where a staging model is built (run / build).

    CSV (.csv, .csv.gz, .tsv, .txt) is loaded into a temporary table at
    render time: every column as text, so a bad value reaches the rejects
    model instead of failing a type sniffer; nothing read as a comment
    (DuckDB's sniffer may take '#' for one and drop Excel's '#N/A'); the
    delimiter and the column names taken from the header line (the most
    frequent of , ; tab |), so no sniffer guesses the dialect from a sample
    and one odd line cannot change how the whole file is split. A line that
    cannot be read as a row (wrong number of fields, text that is not
    UTF-8) is not dropped: it is kept as a row with null values and its
    reason, line number and text (DuckDB's store_rejects), numbered after
    the readable rows. A missing file, a directory, an empty file or a
    quote never closed (the rest of the file would be one value) fails
    with one message naming the file. -#}
{% macro read_data_file(path, name) -%}
    {{ return(adapter.dispatch('read_data_file', 'audience_warehouse')(path, name)) }}
{%- endmacro %}

{% macro default__read_data_file(path, name) -%}
    {%- set lowered = path | lower -%}
    {%- set quoted = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {#- Parsing, compiling, documenting or linting: nothing is read. -#}
        {{ return(numbered_rows(
            'read_parquet(' ~ quoted ~ ')' if lowered.endswith('.parquet')
            else 'read_csv(' ~ quoted ~ ', header = true, all_varchar = true)'
        )) }}
    {%- endif -%}
    {%- set is_csv = data_file_format(path) == 'csv' -%}
    {%- if run_query('select count(*) from glob(' ~ quoted ~ ')').rows[0][0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Input file '" ~ path ~ "' was not found (or is a directory):"
            ~ " check the path in the var (a relative path is taken from"
            ~ " the folder you ran the command in).") }}
    {%- endif -%}
    {%- if not is_csv -%}
        {{ return(numbered_rows('read_parquet(' ~ quoted ~ ')')) }}
    {%- endif -%}
    {%- set encoding = csv_encoding(path, quoted) -%}
    {%- set header = csv_header(path, quoted, encoding) -%}
    {%- set loaded = 'aw_loaded_' ~ name -%}
    {%- set rejects = 'aw_rejected_lines_' ~ name -%}
    {%- set scans = 'aw_rejected_scans_' ~ name -%}
    {%- call statement('load_' ~ name) -%}
        drop table if exists {{ rejects }};
        drop table if exists {{ scans }};
        create or replace temp table {{ loaded }} as
        select
            *,
            row_number() over () as aw_readable_row_number
        from read_csv(
            {{ quoted }},
            header = true,
            auto_detect = false,
            columns = {
                {%- for column in header.columns %}
                '{{ column | replace("'", "''") }}': 'VARCHAR'
                {{- ',' if not loop.last }}
                {%- endfor %}
            },
            comment = '',
            encoding = '{{ encoding }}',
            delim = '{{ header.delimiter }}',
            quote = '"',
            escape = '"',
            store_rejects = true,
            rejects_table = '{{ rejects }}',
            rejects_scan = '{{ scans }}'
        )
    {%- endcall -%}
    {%- set unclosed = run_query(
        "select min(line) from " ~ rejects ~ " where error_type = 'UNQUOTED VALUE'"
        ~ " and error_message ilike '%unterminated quote%'"
    ).rows[0][0] -%}
    {%- if unclosed is not none -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ path ~ "': a quote (\") opened on line " ~ unclosed
            ~ " is never closed, so the rest of the file cannot be split into"
            ~ " rows. Close the quote, or double a quote inside a quoted"
            ~ " value (\"\").") }}
    {%- endif -%}
    {{ return(loaded_rows(loaded, rejects)) }}
{%- endmacro %}

{#- 'parquet' or 'csv' (.csv, .csv.gz, .tsv, .txt) by the path's ending;
    any other fails with one message naming the file. -#}
{% macro data_file_format(path) -%}
    {%- set lowered = path | lower -%}
    {%- if lowered.endswith('.parquet') -%}
        {{ return('parquet') }}
    {%- endif -%}
    {%- for ending in ['.csv', '.csv.gz', '.tsv', '.txt']
        if lowered.endswith(ending) -%}
        {{ return('csv') }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "Cannot read '" ~ path ~ "': expected a .csv, .csv.gz, .tsv, .txt"
        ~ " or .parquet file.") }}
{%- endmacro %}

{#- The encoding DuckDB reads the CSV file at `path` (`quoted`: as a
    DuckDB string literal) with: 'utf-16' for a file that starts with the
    UTF-16 little-endian byte-order mark (Excel's and Notepad's "Unicode
    text"), else 'utf-8'. Fails with one message naming the file when it
    cannot be read: UTF-16 big-endian (DuckDB reads only little-endian), or
    line ends that are mixed outside quoted values (one line ending CRLF in
    a file of LF lines, or the reverse), which DuckDB's reader refuses as
    a whole. The file is scanned as bytes (read_blob; a byte that is not
    printable ASCII, a quote or a backslash shows as `\xNN`), so a line
    that is not UTF-8 does not stop the check; a .gz file is not checked
    (its bytes are compressed). Only a file holding both kinds of line end
    is split into lines, to find the first odd one: a line ends a row when
    the quotes before its end are even (a quoted value may hold either
    kind). The line number counts every line of the file (1 = the
    header), as an editor does. -#}
{% macro csv_encoding(path, quoted) -%}
    {%- set bytes_sql -%}
        select content::varchar as text from read_blob({{ quoted }})
    {%- endset -%}
    {%- set shape_sql -%}
        select
            starts_with(text, '\xFF\xFE') as is_utf16_le,
            starts_with(text, '\xFE\xFF') as is_utf16_be,
            starts_with(text, '\x1F\x8B') as is_gzip,
            {#- A line end of each kind: the replace runs only on a file
                holding a CRLF. -#}
            case
                when strpos(text, '\x0D\x0A') = 0 then false
                else strpos(replace(text, '\x0D\x0A', ''), '\x0A') > 0
            end as has_both_line_ends
        from ({{ bytes_sql }}) as file_bytes
    {%- endset -%}
    {%- set shape = run_query(shape_sql).rows[0] -%}
    {%- if shape[1] -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ path ~ "' is UTF-16 big-endian text, which cannot be"
            ~ " read: save it as UTF-8 (in Excel: \"CSV UTF-8\"; in a text"
            ~ " editor: encoding UTF-8) and build again.") }}
    {%- endif -%}
    {%- if shape[0] or shape[2] -%}
        {{ return('utf-16' if shape[0] else 'utf-8') }}
    {%- endif -%}
    {%- if shape[3] -%}
        {%- set odd_sql -%}
            with lines as (
                select
                    unnest(parts) as line,
                    generate_subscripts(parts, 1) as line_number,
                    len(parts) as part_count
                from (
                    select string_split(text, '\x0A') as parts
                    from ({{ bytes_sql }}) as file_bytes
                ) as split_bytes
            ),

            line_ends as (
                select
                    line_number,
                    suffix(line, '\x0D') as is_crlf,
                    sum(
                        (length(line) - length(replace(line, '\x22', ''))) // 4
                    ) over (order by line_number) % 2 = 0 as ends_row
                from lines
                where line_number < part_count
            ),

            row_ends as (
                select * from line_ends where ends_row
            ),

            first_row_end as (
                select line_number, is_crlf
                from row_ends
                order by line_number
                limit 1
            )

            select
                min(row_ends.line_number) as odd_line,
                any_value(first_row_end.line_number) as first_line,
                any_value(first_row_end.is_crlf) as first_is_crlf
            from row_ends
            inner join first_row_end
                on row_ends.is_crlf != first_row_end.is_crlf
        {%- endset -%}
        {%- set odd = run_query(odd_sql).rows[0] -%}
        {%- if odd[0] is not none -%}
            {%- set kinds = ['LF (\\n)', 'CRLF (\\r\\n)'] -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ path ~ "': line " ~ odd[0] ~ " ends in "
                ~ kinds[0 if odd[2] else 1] ~ " but line " ~ odd[1]
                ~ " ends in " ~ kinds[1 if odd[2] else 0] ~ ": a file"
                ~ " whose line ends are mixed cannot be read. Convert the"
                ~ " file to one kind of line end (save it again from your"
                ~ " editor, or run dos2unix on it) and build again.") }}
        {%- endif -%}
    {%- endif -%}
    {{ return('utf-8') }}
{%- endmacro %}

{#- The header of a CSV file, from its first line: `delimiter`, the most
    frequent of comma, semicolon, tab and bar outside quotes (a comma when
    none is there; a tab for .tsv), as a SQL string literal body, and
    `columns`, the header's names, split as a CSV line: a quoted name may
    hold the delimiter ("name, full") or a doubled quote; spaces around a
    name are stripped, a blank or repeated name numbered. The columns are
    given to the reader explicitly, so no sniffer guesses the dialect from
    a sample of the file. `encoding` as csv_encoding gives it. -#}
{% macro csv_header(path, quoted, encoding='utf-8') -%}
    {%- set line = csv_first_line(path, quoted, encoding)
        | replace('\ufeff', '') -%}
    {%- set unquoted = modules.re.sub('"[^"]*"', '', line) -%}
    {%- set tab = '\t' -%}
    {%- set candidates = [tab] if (path | lower).endswith('.tsv')
        else [',', ';', tab, '|'] -%}
    {%- set best = namespace(delimiter=candidates[0], count=0) -%}
    {%- for delimiter in candidates -%}
        {%- if unquoted.count(delimiter) > best.count -%}
            {%- set best.delimiter = delimiter -%}
            {%- set best.count = unquoted.count(delimiter) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set columns = [] -%}
    {%- if line | trim -%}
        {%- for raw in csv_fields(line, best.delimiter) -%}
            {%- set column = raw | trim or 'column' ~ loop.index0 -%}
            {%- if column | lower in columns | map('lower') | list -%}
                {%- set column = column ~ '_' ~ loop.index0 -%}
            {%- endif -%}
            {%- do columns.append(column) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not columns -%}
        {{ exceptions.raise_compiler_error(
            "Input '" ~ path ~ "' is empty (0 bytes, or not even a"
            ~ " header line).") }}
    {%- endif -%}
    {{ return({
        'delimiter': '\\t' if best.delimiter == tab else best.delimiter,
        'columns': columns,
    }) }}
{%- endmacro %}

{#- The fields of one CSV line split on `delimiter` as a CSV reader does:
    a delimiter between quotes is part of the value, a doubled quote inside
    quotes is one quote, the quotes themselves are dropped. -#}
{% macro csv_fields(line, delimiter) -%}
    {%- set state = namespace(field='', quoted=false, closed=false) -%}
    {%- set fields = [] -%}
    {%- for character in line -%}
        {%- if character == '"' -%}
            {%- if not state.quoted and state.closed -%}
                {%- set state.field = state.field ~ '"' -%}
            {%- endif -%}
            {%- set state.closed = state.quoted -%}
            {%- set state.quoted = not state.quoted -%}
        {%- else -%}
            {%- set state.closed = false -%}
            {%- if character == delimiter and not state.quoted -%}
                {%- do fields.append(state.field) -%}
                {%- set state.field = '' -%}
            {%- else -%}
                {%- set state.field = state.field ~ character -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do fields.append(state.field) -%}
    {{ return(fields) }}
{%- endmacro %}

{#- The first line of the CSV file at `path` (`quoted`: as a DuckDB
    string literal; `encoding` as csv_encoding gives it), '' for an empty
    file. -#}
{% macro csv_first_line(path, quoted, encoding='utf-8') -%}
    {{ return(adapter.dispatch('csv_first_line', 'audience_warehouse')(
        path, quoted, encoding)) }}
{%- endmacro %}

{% macro default__csv_first_line(path, quoted, encoding='utf-8') -%}
    {%- set first = run_query(
        "select line from read_csv(" ~ quoted ~ ", header = false,"
        ~ " columns = {'line': 'VARCHAR'}, delim = '\x01', quote = '',"
        ~ " escape = '', comment = '', auto_detect = false,"
        ~ " encoding = '" ~ encoding ~ "',"
        ~ " ignore_errors = true, strict_mode = false) limit 1"
    ).columns[0].values() | list -%}
    {{ return((first[0] if first else '') or '') }}
{%- endmacro %}

{% macro spark__csv_first_line(path, quoted, encoding='utf-8') -%}
    {%- set first = run_query(
        'select value from text.' ~ spark_path(path) ~ ' limit 1'
    ).columns[0].values() | list -%}
    {{ return((first[0] if first else '') or '') }}
{%- endmacro %}

{#- A file path as Spark's `format.path` identifier part (backquoted). -#}
{% macro spark_path(path) -%}
    {{ return('`' ~ (path | replace('`', '``')) ~ '`') }}
{%- endmacro %}

{#- Spark: a Parquet file (or glob) is read in place, its rows numbered by
    file name and row index. A CSV file becomes a temporary view over the
    file with the header's columns, every column as text (no type
    inference), the delimiter taken from the header line (csv_header), no
    comment character, a quoted value may span lines; a line whose fields
    do not match the header is kept, with null values, as
    `wrong_field_count` and its text (Spark's corrupt-record column),
    numbered after the readable rows as on DuckDB (Spark reports no line
    numbers). Within a file rows keep file order (one file is one
    partition when values may span lines). A missing file fails with
    Spark's message naming the path. -#}
{% macro spark__read_data_file(path, name) -%}
    {%- set is_csv = data_file_format(path) == 'csv' -%}
    {%- if not is_csv -%}
        {{ return(numbered_rows('parquet.' ~ spark_path(path))) }}
    {%- endif -%}
    {%- set view = 'aw_loaded_' ~ name -%}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return(view) }}
    {%- endif -%}
    {%- set header = csv_header(path, none) -%}
    {%- call statement('load_' ~ name) -%}
        create or replace temporary view {{ view }} (
            {%- for column in header.columns %}
            `{{ column | replace('`', '``') }}` string,
            {%- endfor %}
            aw_corrupt_record string
        )
        using csv
        options (
            path {{ spark_literal(path) }},
            header 'true',
            sep {{ spark_literal('\t' if header.delimiter == '\\t'
                else header.delimiter) }},
            quote '"',
            escape '"',
            multiLine 'true',
            mode 'PERMISSIVE',
            columnNameOfCorruptRecord 'aw_corrupt_record'
        )
    {%- endcall -%}
    {%- set values = [] -%}
    {%- for column in header.columns -%}
        {%- set quoted_column = '`' ~ (column | replace('`', '``')) ~ '`' -%}
        {%- do values.append('case when aw_corrupt_record is null then '
            ~ quoted_column ~ ' end as ' ~ quoted_column) -%}
    {%- endfor -%}
    {{ return(
        '(select ' ~ values | join(', ')
        ~ ', cast(row_number() over (order by'
        ~ ' case when aw_corrupt_record is null then 0 else 1 end,'
        ~ ' input_file_name(), monotonically_increasing_id())'
        ~ ' as bigint) as source_row_number,'
        ~ " case when aw_corrupt_record is not null"
        ~ " then 'wrong_field_count' end as malformed_reason,"
        ~ " case when aw_corrupt_record is not null"
        ~ " then concat('fields do not match the header: ',"
        ~ " left(trim(aw_corrupt_record), 200)) end as malformed_detail"
        ~ ' from ' ~ view ~ ')'
    ) }}
{%- endmacro %}

{#- Every row of `relation` with source_row_number (its position, in scan
    order) and null malformed_reason / malformed_detail: a Parquet file or
    a seed, which have no unreadable lines. -#}
{% macro numbered_rows(relation) -%}
    (
        select
            *,
            {{ scan_row_number() }} as source_row_number,
            cast(null as {{ dbt.type_string() }}) as malformed_reason,
            cast(null as {{ dbt.type_string() }}) as malformed_detail
        from {{ relation }}
    )
{%- endmacro %}

{#- A row's position in a plain scan of a table: DuckDB numbers rows in
    scan order (its insertion order); Spark needs an order, and a table's
    files record it (_metadata: the file's path, then the row within it; a
    seed is written in one job, its files in row order,
    spark__load_csv_rows). A source on Spark is therefore a file-based
    table (Parquet, Delta, ORC), not a view. -#}
{% macro scan_row_number() -%}
    {{ return(adapter.dispatch('scan_row_number', 'audience_warehouse')()) }}
{%- endmacro %}

{% macro default__scan_row_number() -%}
    row_number() over ()
{%- endmacro %}

{% macro spark__scan_row_number() -%}
    cast(
        row_number() over (order by _metadata.file_path, _metadata.row_index)
        as bigint
    )
{%- endmacro %}

{#- The readable rows of a loaded CSV (`loaded`) and its unreadable lines
    (`rejects`, DuckDB's reject_errors layout) as one row set. Readable rows
    are numbered in file order; unreadable lines after them, in file order,
    each with its line number in malformed_detail (DuckDB's count: blank
    lines count, line breaks inside quoted fields do not). Placing them
    after keeps the numbering exact: the reader reports no line numbers for
    readable rows, so interleaving could be off by the blank lines. -#}
{% macro loaded_rows(loaded, rejects) -%}
    (
        with readable as (
            select
                * exclude (aw_readable_row_number),
                aw_readable_row_number as source_row_number,
                cast(null as varchar) as malformed_reason,
                cast(null as varchar) as malformed_detail
            from {{ loaded }}
        ),

        unreadable_errors as (
            {#- DuckDB lists a line once per missing or surplus field:
                one row per line, with the field count the line has. -#}
            select
                line,
                min(error_type) as error_type,
                min(csv_line) as csv_line,
                case
                    when min(error_type) = 'MISSING COLUMNS'
                        then min(found_fields)
                    else max(found_fields)
                end as found_fields,
                min(expected_fields) as expected_fields,
                min(error_message) as error_message
            from (
                select
                    *,
                    cast(nullif(regexp_extract(
                        error_message, 'Found: ([0-9]+)', 1
                    ), '') as integer) as found_fields,
                    cast(nullif(regexp_extract(
                        error_message, 'Expected Number of Columns: ([0-9]+)', 1
                    ), '') as integer) as expected_fields
                from {{ rejects }}
            ) as errors
            group by line
        ),

        unreadable as (
            select
                (select count(*) from {{ loaded }})
                + row_number() over (order by line) as source_row_number,
                case
                    when error_type in ('MISSING COLUMNS', 'TOO MANY COLUMNS')
                        then 'wrong_field_count'
                    when error_type = 'INVALID ENCODING' then 'not_utf8'
                    else 'unreadable_line'
                end as malformed_reason,
                'line ' || line || ': '
                || case
                    when error_type in ('MISSING COLUMNS', 'TOO MANY COLUMNS')
                        then found_fields || ' fields where the header has '
                        || expected_fields
                    when error_type = 'INVALID ENCODING'
                        then 'not UTF-8 text'
                    else error_message
                end
                || ': ' || left(trim(csv_line, chr(10) || chr(13)), 200)
                    as malformed_detail
            from unreadable_errors
        )

        select * from readable
        union all by name
        select * from unreadable
    )
{%- endmacro %}
