{#- Incremental event models, kept honest.

    An incremental model appends what is new (rows past its watermark) or
    recomputes what new rows touch. Its result equals a full refresh only
    while everything else it depends on is unchanged: its own code, the
    vars it reads, and small reference seeds. So each incremental model
    keeps a fingerprint of those in one small table,
    `<schema>.incremental_state` (model_name, fingerprint, generation): the
    pre-hook `incremental_reset` empties the model when the stored
    fingerprint is not the current one (changed vars, code, reference seed
    or upstream generation; no state row), so the same run recomputes it
    whole; the post-hook `incremental_record` stores the fingerprint after
    a successful build. An input file is expected to grow by appending (one
    whose loaded rows changed or went is reloaded whole, macro
    incremental_input); a changed page or post does not re-check events
    already loaded: `--full-refresh` does. -#}

{#- The fingerprint: md5 of the model's code, the values of the vars it
    names in meta.incremental_state.vars, the rows of the (small) models or
    seeds in meta.incremental_state.refs, and the generation of each
    incremental model in meta.incremental_state.upstream (so a model
    recomputed whole upstream recomputes this one too). -#}
{% macro incremental_fingerprint() -%}
    {%- set state = config.get('meta', {}).get('incremental_state', {}) -%}
    {%- set parts = [model.raw_code] -%}
    {%- for name in state.get('vars', []) -%}
        {%- do parts.append(name ~ '=' ~ tojson(var(name))) -%}
    {%- endfor -%}
    {%- for name in state.get('refs', []) -%}
        {%- set rows = run_query('select * from ' ~ ref(name)).rows -%}
        {%- do parts.append(
            name ~ '=' ~ (rows | map('string') | sort | join('|'))
        ) -%}
    {%- endfor -%}
    {%- for name in state.get('upstream', []) -%}
        {#- Its state is in its own schema's table (the hook creates one in
            the schema of every model named here); found through the graph,
            as it may be upstream of a model this one refs. -#}
        {%- set upstream = graph.nodes.values()
            | selectattr('resource_type', 'equalto', 'model')
            | selectattr('name', 'equalto', name) | first -%}
        {%- set stored = incremental_stored_state(name, api.Relation.create(
            database=upstream.database, schema=upstream.schema,
            identifier='incremental_state')) -%}
        {%- do parts.append(name ~ '@' ~ (stored[1] if stored else 'none')) -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('\n'))) }}
{%- endmacro %}

{#- The state tables: one per schema holding an incremental model or a
    model named upstream of one, created by the on-run-start hook
    (dbt_project.yml) before any model runs: created by the models
    themselves, two built at once on dbt's threads conflict in DuckDB's
    catalog. -#}
{% macro incremental_state_tables() -%}
    {%- if not execute or flags.WHICH not in ['run', 'build'] -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set upstream = [] -%}
    {%- set incremental = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model'
            and node.config.materialized == 'incremental' -%}
            {%- do incremental.append(node.name) -%}
            {%- do upstream.extend(node.config.meta.get('incremental_state', {})
                .get('upstream', [])) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set schemas = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model'
            and (node.name in incremental or node.name in upstream) -%}
            {%- do schemas.append((node.database, node.schema)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for database, schema in schemas | unique | sort -%}
        {%- set state = api.Relation.create(
            database=database, schema=schema, identifier='incremental_state'
        ) -%}
        {%- do adapter.create_schema(state) -%}
        {%- call statement('incremental_state_table') -%}
            create table if not exists {{ state }} (
                model_name {{ dbt.type_string() }},
                fingerprint {{ dbt.type_string() }},
                generation {{ dbt.type_int() }}
            )
        {%- endcall -%}
    {%- endfor -%}
    {#- dbt rolls the hooks' transaction back at their end. -#}
    {%- if schemas -%}
        {%- do adapter.commit() -%}
    {%- endif -%}
    {{ return('select 1') }}
{%- endmacro %}

{#- This model's state table, and one model's stored (fingerprint,
    generation), or none. -#}
{% macro incremental_state_relation() -%}
    {{ return(api.Relation.create(
        database=this.database, schema=this.schema, identifier='incremental_state'
    )) }}
{%- endmacro %}

{% macro incremental_stored_state(identifier, state=none) -%}
    {%- set rows = run_query(
        "select fingerprint, generation from "
        ~ (state or incremental_state_relation())
        ~ " where model_name = '" ~ identifier ~ "'"
    ).rows -%}
    {{ return(rows[0] if rows | length == 1 else none) }}
{%- endmacro %}

{#- Pre-hook: in an incremental run, empty the model when its stored
    fingerprint differs from the current one (or none is stored), or when
    the SQL expression `reset_when` (if given) is true or a text (the
    reason, logged); the run then recomputes it whole. -#}
{% macro incremental_reset(reset_when=none) -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set state = incremental_state_relation() -%}
    {%- set stored = incremental_stored_state(this.identifier, state) -%}
    {%- set reason = none -%}
    {%- if not stored or stored[0] != incremental_fingerprint() -%}
        {%- set reason = 'its code, vars, reference data or an upstream model changed' -%}
    {%- elif reset_when -%}
        {%- set why = run_query('select ' ~ reset_when).rows[0][0] -%}
        {%- if why -%}
            {%- set reason = 'its input was not only appended to'
                ~ ('' if why is sameas true else ' (' ~ why ~ ')') -%}
            {%- call statement('incremental_state_mark') -%}
                update {{ state }} set fingerprint = 'reset'
                where model_name = '{{ this.identifier }}'
            {%- endcall -%}
        {%- endif -%}
    {%- endif -%}
    {%- if reason is none -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- do log(this.identifier ~ ': ' ~ reason ~ ' since the last build;'
        ~ ' recomputing it whole', info=true) -%}
    {{ return('delete from ' ~ this) }}
{%- endmacro %}

{#- Post-hook: store the current fingerprint, with the generation moved on
    when the model was built or recomputed whole (its rows may all have
    changed). Nothing for a model built as a view or table (a staging model
    reading the sample seed). -#}
{% macro incremental_record() -%}
    {%- if not execute or config.get('materialized') != 'incremental' -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set fingerprint = incremental_fingerprint() -%}
    {%- set state = incremental_state_relation() -%}
    {%- set stored = incremental_stored_state(this.identifier, state) -%}
    {%- set generation = stored[1] if stored else 0 -%}
    {%- if not stored or stored[0] != fingerprint or flags.FULL_REFRESH -%}
        {%- set generation = generation + 1 -%}
    {%- endif -%}
    {%- call statement('incremental_state_delete') -%}
        delete from {{ state }}
        where model_name = '{{ this.identifier }}'
    {%- endcall -%}
    {{ return(
        "insert into " ~ state ~ " values ('"
        ~ this.identifier ~ "', '" ~ fingerprint ~ "', " ~ generation ~ ")"
    ) }}
{%- endmacro %}

{#- The largest `column` already in the model (0 when it is empty): rows
    past it are new; `where` (SQL) restricts the rows looked at, such as
    one event source. A subquery, so it is read after the pre-hook. -#}
{% macro incremental_watermark(column, where=none) -%}
    (select coalesce(max({{ column }}), 0) from {{ this }}
    {%- if where %} where {{ where }}{% endif %})
{%- endmacro %}
