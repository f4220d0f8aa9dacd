{#- A user's file path from a var, made absolute: a relative path is taken
    from the folder the user ran `python3 warehouse.py` in (environment
    variable AUDIENCE_WAREHOUSE_CALLER_DIR, set by warehouse.py), not from
    the project folder dbt runs in. `~/` is the user's home folder (the
    shell does not expand it inside --vars). Empty stays empty. -#}
{% macro input_path(path) %}
    {%- if path and (path == '~' or path.startswith('~/')) -%}
        {{ return(env_var('HOME', '~') ~ path[1:]) }}
    {%- endif -%}
    {%- set base = env_var('AUDIENCE_WAREHOUSE_CALLER_DIR', '') -%}
    {%- if not path or not base or path.startswith('/')
        or modules.re.match('^[A-Za-z]:[\\\\/]', path) -%}
        {{ return(path) }}
    {%- endif -%}
    {{ return(base.rstrip('/') ~ '/' ~ path) }}
{% endmacro %}
