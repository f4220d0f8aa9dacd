{#- Fails the run with one clear message when `relation` lacks any of
    `required_columns` (case-insensitive). `label` names the input (the file
    path or the source) in the message. Runs only at execution time. -#}
{% macro assert_columns_present(relation, required_columns, label) %}
    {%- if execute and flags.WHICH in ['run', 'build'] -%}
        {%- set probe = run_query('select * from ' ~ relation ~ ' limit 0') -%}
        {%- set found = probe.column_names | map('lower') | list -%}
        {%- set missing = [] -%}
        {%- for column in required_columns -%}
            {%- if column | lower not in found -%}
                {%- do missing.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ label ~ "' is missing required column(s): "
                ~ missing | join(', ') ~ ". Found: " ~ probe.column_names | join(', ')
                ~ ". Expected: " ~ required_columns | join(', ') ~ ".") }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
