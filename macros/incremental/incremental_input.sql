{#- An event file's staging model (fans engagements, the audiences' four
    event sources): a user's file is loaded into an incremental table, so
    the warehouse never depends on the file staying where it was, and a
    build after rows were appended to it (or a file added to its glob)
    loads the new rows only (rows past the model's largest `key`, its
    column holding `source_row_number`, which the model filters on); the
    sample seed is read through a view.

    The rows already loaded must still be the input's: each keeps
    `raw_row_hash` (raw_row_hash of the input's `columns`, which the model
    selects), and a build compares them, by position, with the input's
    rows. When one was changed or removed (the file was rewritten or cut,
    not only appended to), the pre-hook empties the model and the same
    build loads the input whole, saying why in the log. A CSV's unreadable
    lines are numbered after its readable rows, so appending renumbers
    them: a table holding any is reloaded whole too. Call it from the model
    with the input relation, the path (empty for the seed), the var naming
    it and the input's columns. -#}
{% macro incremental_input(relation, path, path_var, columns, key='source_row_number') -%}
    {%- set changes = 'aw_input_changes_' ~ this.identifier -%}
    {{ config(
        materialized=('incremental' if incremental_supported() else 'table')
            if path else 'view',
        incremental_strategy='append',
        meta={'incremental_state': {'vars': [path_var]}},
        pre_hook="{{ incremental_reset(reset_when='(select reason from "
            ~ changes ~ ")') }}",
        post_hook="{{ incremental_record() }}",
    ) }}
    {#- The reason to reload, found where the input was loaded (a temporary
        table of this connection, read by the pre-hook); only in a run or
        build (dbt compiles models for docs too). -#}
    {%- if is_incremental() and execute and flags.WHICH in ['run', 'build'] %}
        {#- A table loaded before rows had a hash is recomputed whole anyway
            (the model's code changed, so its fingerprint did). -#}
        {%- set hashed = adapter.get_columns_in_relation(this)
            | selectattr('name', 'equalto', 'raw_row_hash') | list -%}
        {%- call statement('input_changes') -%}
            create or replace temporary table {{ changes }} as
            with

            input_rows as (
                select
                    source_row_number,
                    {{ raw_row_hash(columns) }} as raw_row_hash
                from {{ relation }}
            ),

            differing as (
                select loaded.{{ key }} as source_row_number
                from {{ this }} as loaded
                left join input_rows
                    on loaded.{{ key }} = input_rows.source_row_number
                where
                    input_rows.source_row_number is null
                    or input_rows.raw_row_hash <> {{
                        'loaded.raw_row_hash' if hashed else "''" }}
                    or loaded.malformed_reason is not null
            )

            select
                case
                    {%- if not hashed %}
                    when true then null
                    {%- endif %}
                    when count(*) > 0 then
                        cast(count(*) as {{ dbt.type_string() }})
                        || ' loaded row(s) changed, removed or unreadable'
                        || ' in ''{{ path | replace("'", "''") }}'', the first'
                        || ' at row '
                        || cast(min(source_row_number) as {{ dbt.type_string() }})
                end as reason
            from differing
        {%- endcall -%}
    {%- endif %}
{%- endmacro %}

{#- A row's fingerprint: md5 of its `columns` as text, each with its length
    (a null differs from an empty text, and no two rows run together). -#}
{% macro raw_row_hash(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- set text = 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
        {%- do parts.append(
            'coalesce(cast(length(' ~ text ~ ') as ' ~ dbt.type_string()
            ~ ") || ':' || " ~ text ~ ", '-')"
        ) -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{#- The filter of an incremental input's new rows (nothing in a full
    build): `source_row_number` past the largest `key` (the model's column
    holding it) loaded. -#}
{% macro incremental_input_rows(key='source_row_number') -%}
    {%- if is_incremental() -%}
        where source_row_number > {{ incremental_watermark(key) }}
    {%- endif -%}
{%- endmacro %}

{#- The materialization of a model downstream of event files: incremental
    when one of `path_vars` names a user's file (loaded incrementally), a
    table otherwise (the bundled sample seeds are small; rebuilt each run,
    a changed seed never leaves stale rows); a table on a target without
    incremental support (incremental_supported). -#}
{% macro event_materialization(path_vars) -%}
    {%- for name in path_vars
        if input_path(var(name)) and incremental_supported() -%}
        {{ return('incremental') }}
    {%- endfor -%}
    {{ return('table') }}
{%- endmacro %}

{#- Whether the target can build the event models incrementally: DuckDB.
    The bookkeeping deletes and updates rows (its state table, a model
    recomputed whole, delete+insert), which Spark's Parquet tables cannot:
    on Spark the event models are rebuilt whole on every run (Delta tables
    would allow it; not done). -#}
{% macro incremental_supported() -%}
    {{ return(target.type != 'spark') }}
{%- endmacro %}
