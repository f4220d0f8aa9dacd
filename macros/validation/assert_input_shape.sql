{#- Fails the run with one clear message, naming the input by `label` (the
    file path or the source), when the input lacks any of
    `required_columns` (case-insensitive), has one of them twice (`email`
    and `EMAIL`), has a column named like a bookkeeping column
    (`source_row_number`, `malformed_reason`, `malformed_detail`) or has no
    data rows. An empty or
    unsplittable file never gets here: read_data_file names it first, and
    splits the header on its own delimiter. One probe
    query (`limit 1`), run only when models are built (run / build), not on
    compile, so linting needs no loaded data. -#}
{% macro assert_input_shape(relation, required_columns, label) %}
    {%- if execute and flags.WHICH in ['run', 'build'] -%}
        {%- set probe = run_query('select * from ' ~ relation ~ ' limit 1') -%}
        {#- The columns source_or_file adds are not the input's. -#}
        {%- set found = probe.column_names | map('lower') | reject('in', [
            'source_row_number', 'malformed_reason', 'malformed_detail'
        ]) | list -%}
        {#- A name given twice (letter case aside: SQL names are not case
            sensitive) reaches us renamed, and the first would be used
            silently: read_data_file numbers a CSV header's repeat by its
            position (`email_5` in column 5, counted from 0), DuckDB a
            Parquet file's by its count (`email_1`). An input column named
            like one of ours shadows it: ours is then renamed `_1`. A
            column of the input that merely ends in digits (`page_type_1`
            in column 3) is neither. -#}
        {%- set bookkeeping = [
            'source_row_number', 'malformed_reason', 'malformed_detail'
        ] -%}
        {#- A file that is not Parquet is read as CSV (read_data_file); a
            source or seed label names a table. -#}
        {%- set is_csv = not (label | lower).endswith('.parquet')
            and not label.startswith(('source ', 'seed ')) -%}
        {%- for column in probe.column_names | map('lower') -%}
            {%- set match = modules.re.fullmatch('(.+)_([0-9]+)', column) -%}
            {%- set stem = match.group(1) if match else none -%}
            {%- set number = match.group(2) | int if match else -1 -%}
            {%- if stem in bookkeeping and number == 1 -%}
                {{ exceptions.raise_compiler_error(
                    "Input '" ~ label ~ "' has a column named '" ~ stem
                    ~ "', a name the warehouse gives its own bookkeeping"
                    ~ " column: rename that column in the input (or drop"
                    ~ " it).") }}
            {%- elif stem in required_columns | map('lower')
                and stem in found
                and number == (loop.index0 if is_csv else 1) -%}
                {{ exceptions.raise_compiler_error(
                    "Input '" ~ label ~ "' has more than one column named '"
                    ~ stem ~ "' (letter case aside): keep one, or rename"
                    ~ " the others.") }}
            {%- endif -%}
        {%- endfor -%}
        {%- set missing = [] -%}
        {%- for column in required_columns -%}
            {%- if column | lower not in found -%}
                {%- do missing.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ label ~ "' is missing required column(s): "
                ~ missing | join(', ') ~ ". Found: " ~ found | join(', ')
                ~ ". Expected: " ~ required_columns | join(', ') ~ ".") }}
        {%- endif -%}
        {%- if probe.rows | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ label ~ "' has no data rows (only a header?).") }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
