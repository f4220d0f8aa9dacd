{#- An event file's staging model (fans engagements, the audiences' four
    event sources): a user's file is loaded into an incremental table, so
    the warehouse never depends on the file staying where it was, and a
    build after rows were appended to it (or a file added to its glob)
    loads the new rows only (rows past the model's largest
    `source_row_number`, which the model filters on); the sample seed is
    read through a view. A CSV's unreadable lines are numbered after its
    readable rows, so appending renumbers them: a table holding any is
    reloaded whole. An input with fewer rows than are loaded was replaced or
    cut, not appended to: the build fails naming it, with --full-refresh as
    the way out. Call it from the model with the input relation, the path
    (empty for the seed) and the var naming it. -#}
{% macro incremental_input(relation, path, path_var) -%}
    {{ config(
        materialized=('incremental' if incremental_supported() else 'table')
            if path else 'view',
        incremental_strategy='append',
        meta={'incremental_state': {'vars': [path_var]}},
        pre_hook="{{ incremental_reset(reset_when='exists (select 1 from '
            ~ this ~ ' where malformed_reason is not null)') }}",
        post_hook="{{ incremental_record() }}",
    ) }}
    {#- Checked only when the model would append (its fingerprint
        unchanged: otherwise the pre-hook recomputes it whole anyway), and
        only in a run or build (dbt compiles models for docs too). -#}
    {%- if is_incremental() and execute and flags.WHICH in ['run', 'build']
        and (incremental_stored_state(this.identifier) or [none])[0]
        == incremental_fingerprint() %}
        {%- set counts = run_query(
            'select (select count(*) from ' ~ relation ~ '), (select count(*) from '
            ~ this ~ ')'
        ).rows[0] -%}
        {%- if counts[0] < counts[1] -%}
            {{ exceptions.raise_compiler_error(
                "Input '" ~ path ~ "' has " ~ counts[0] ~ " rows, fewer"
                ~ " than the " ~ counts[1] ~ " already loaded from it: it was"
                ~ " replaced or cut, not appended to. Build with --full-refresh"
                ~ " to load it anew.") }}
        {%- endif -%}
    {%- endif %}
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
