{#- Post-hook of int_audience_definitions: fails the build with one
    message naming every audience whose row breaks the platform's rules
    (column `problem`), e.g. "audience website_menu_200d: retention_days
    must be 1 to 180 for a website audience". Returns a no-op statement. -#}
{% macro assert_audience_definitions(relation) %}
    {%- if not execute -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set broken = run_query(
        'select audience_key, problem from ' ~ relation
        ~ ' where problem is not null order by audience_key'
    ) -%}
    {%- if broken.rows | length > 0 -%}
        {%- set lines = [] -%}
        {%- for row in broken.rows -%}
            {%- do lines.append('audience ' ~ row[0] ~ ': ' ~ row[1]) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            'The audience list (seed audiences_definitions) breaks the '
            ~ "platform's rules: " ~ lines | join('; ')) }}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}
