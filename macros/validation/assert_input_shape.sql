{#- Fails the run with one clear message, naming the input by `label` (the
    file path or the source), when the input is empty, cannot be split into
    columns (lines with other field counts than the header), lacks any of
    `required_columns` (case-insensitive) or has no data rows. One probe
    query (`limit 1`), run only when models are built (run / build), not on
    compile, so linting needs no loaded data. -#}
{% macro assert_input_shape(relation, required_columns, label) %}
    {%- if execute and flags.WHICH in ['run', 'build'] -%}
        {%- set probe = run_query('select * from ' ~ relation ~ ' limit 1') -%}
        {#- The columns source_or_file adds are not the input's. -#}
        {%- set found = probe.column_names | map('lower') | reject('in', [
            'source_row_number', 'malformed_reason', 'malformed_detail'
        ]) | list -%}
        {%- if found == ['column0'] and probe.rows | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ label ~ "' is empty (0 bytes, or not even a"
                ~ " header line).") }}
        {%- endif -%}
        {%- if found | length == 1 and required_columns | length > 1
            and (',' in found[0] or ';' in found[0]) -%}
            {#- The reader could not split the header: most often some
                lines have more or fewer fields than the header. -#}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ label ~ "' could not be split into columns: the"
                ~ " header reads as one column ('" ~ probe.column_names[0]
                ~ "'). Usually some lines have more or fewer fields than the"
                ~ " header (count the separators on each line), or fields"
                ~ " hold unquoted separators.") }}
        {%- endif -%}
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
