"""A dbt launcher for the tests: import once, fork per invocation.

Every dbt invocation in the suite (about sixty) would otherwise spend
about 3.5 s of CPU importing dbt, and its Python models another second or
two importing pandas and scikit-learn, before doing anything. This process
imports them once, then forks a child per request that runs dbt's own
command-line entry point (``dbt.cli.main.cli``, what the ``dbt`` script
calls) with the request's arguments, working folder and environment, its
output to a file. Each invocation is still its own process, started from a
process that has only imported (what carries over: those modules, the
environment variables they read when imported, as the test process had
them, and the exit handlers they registered). ``conftest.run_dbt`` uses it
unless AUDIENCE_WAREHOUSE_TESTS_DBT_SUBPROCESS=1 (then each invocation is
a fresh ``dbt`` process).

Protocol: one JSON object a line on stdin ({"args", "cwd", "env",
"output"}), one line back on stdout ({"returncode"}).
"""

from __future__ import annotations

import json
import os
import sys
import traceback


def _run_child(request: dict) -> int:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = ["dbt", *request["args"]]
    return _invoke(request["args"])


def _invoke(args: list[str]) -> int:
    """dbt's command-line entry point on ``args``, in this process: its
    exit code, as the ``dbt`` script would end with."""
    from dbt.cli.main import cli

    try:
        cli.main(args=args, prog_name="dbt")
        return 0
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException:  # what the dbt script would print before dying
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


# The classes dbt validates while it parses this project (measured: the
# first validation of each builds its JSON schema, cached per process,
# about 3-6 s of every parse). Built once here, before the forks.
SCHEMA_CLASSES = [
    "dbt.contracts.project.ProjectFlags",
    "dbt.adapters.duckdb.credentials.DuckDBCredentials",
    "dbt.contracts.project.ProfileConfig",
    "dbt.contracts.project.Project",
    "dbt.contracts.project.PackageConfig",
    "dbt.contracts.selection.SelectorFile",
    "dbt.contracts.project.Configuration",
    "dbt.artifacts.resources.v1.model.ModelConfig",
    "dbt.contracts.graph.nodes.ModelNode",
    "dbt.artifacts.resources.v1.components.Contract",
    "dbt.artifacts.resources.v1.config.TestConfig",
    "dbt.contracts.graph.nodes.SingularTestNode",
    "dbt.artifacts.resources.v1.seed.SeedConfig",
    "dbt.contracts.graph.nodes.SeedNode",
    "dbt.artifacts.resources.v1.config.NodeConfig",
    "dbt.contracts.graph.nodes.HookNode",
    "dbt.contracts.graph.unparsed.UnparsedNodeUpdate",
    "dbt.contracts.graph.nodes.GenericTestNode",
    "dbt.contracts.graph.unparsed.UnparsedExposure",
    "dbt.artifacts.resources.v1.exposure.ExposureConfig",
    "dbt.contracts.graph.unparsed.UnparsedModelUpdate",
    "dbt.contracts.graph.unparsed.UnparsedUnitTest",
    "dbt.artifacts.resources.v1.unit_test_definition.UnitTestConfig",
    "dbt.contracts.graph.unparsed.UnparsedSourceDefinition",
    "dbt.contracts.graph.unparsed.UnparsedMacroUpdate",
    "dbt.artifacts.resources.v1.source_definition.SourceConfig",
]


def _build_json_schemas() -> None:
    """dbt's JSON schema of each class in SCHEMA_CLASSES (its own cache), so
    that no child builds them again. A class that moved in another dbt
    version is skipped: the child then builds it, as dbt would."""
    import importlib

    for dotted in SCHEMA_CLASSES:
        module_name, _, class_name = dotted.rpartition(".")
        try:
            getattr(importlib.import_module(module_name), class_name).json_schema()
        except (ImportError, AttributeError):
            continue


def _cache_jinja() -> None:
    """Compile each Jinja source once per process tree.

    A full parse compiles about 3,100 Jinja templates (every model, test
    config, description and macro) and takes 12-16 s; the suite parses in
    full some fifty times (each test's vars or database differ, and dbt
    then re-parses everything). Two caches, both keyed by the source text:
    dbt's own test caches (``dbt_common.tests.enable_test_caching``: the
    parsed Jinja trees, the top-level blocks of a file, the macro calls
    found in a macro; what dbt's own test suite turns on) and the Python
    code Jinja compiles a template into (``Environment.compile``; the code
    depends only on the source, the environment class and its filters and
    extensions, which dbt sets the same for every environment of a class:
    rendering still runs with each invocation's own context, vars and
    adapter). Measured: a second parse in one process 13.2 s -> 7.2 s."""
    import jinja2
    from dbt_common.tests import enable_test_caching

    enable_test_caching()
    codes: dict[tuple, object] = {}
    compile_ = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return compile_(self, source, name, filename, raw, defer_init)
        key = (type(self), source, name, filename, defer_init)
        code = codes.get(key)
        if code is None:
            code = codes[key] = compile_(self, source, name, filename, raw, defer_init)
        return code

    jinja2.Environment.compile = compile


def _cache_validation() -> None:
    """Validate each (class, data) pair once per process tree.

    dbt validates every node's and config's dict against its class's JSON
    schema (``dbtClassMixin.validate``), about 2,900 times a full parse and
    half of its time once Jinja is cached; with other vars most of those
    dicts are the same. Validation is a pure function of the class and the
    data, so a pair that passed once passes again. The key is the data as
    canonical JSON, with one widening that cannot change the answer: a
    top-level text field whose schema asks only for a string (or null;
    with or without a default), such as a node's ``database`` (the DuckDB
    file's name, different in most tests), is keyed as the empty string.
    Data that JSON cannot write, and every failure, are validated as dbt
    would, never remembered."""
    from dbt_common.dataclass_schema import dbtClassMixin

    validate_ = dbtClassMixin.validate.__func__
    any_text = ({"type": "string"}, {"anyOf": [{"type": "string"}, {"type": "null"}]})
    text_fields: dict[type, frozenset[str]] = {}
    passed: set[tuple[type, str]] = set()

    def key(cls, data) -> tuple[type, str]:
        if isinstance(data, dict):
            if cls not in text_fields:
                properties = cls.json_schema().get("properties", {})
                text_fields[cls] = frozenset(  # a default changes no answer
                    name
                    for name, schema in properties.items()
                    if {k: v for k, v in schema.items() if k != "default"} in any_text
                )
            widened = text_fields[cls]
            data = {
                name: "" if name in widened and isinstance(value, str) else value
                for name, value in data.items()
            }
        return cls, json.dumps(data, sort_keys=True, allow_nan=False)

    def validate(cls, data) -> None:
        try:
            pair = key(cls, data)
        except (TypeError, ValueError):
            return validate_(cls, data)
        if pair not in passed:
            validate_(cls, data)
            passed.add(pair)

    dbtClassMixin.validate = classmethod(validate)


def _warm(project: str) -> None:
    """One ``dbt parse`` of the project (default vars, a scratch database
    path and folders; every model rendered by Jinja) in this process, so
    that every child starts with the caches of :func:`_cache_jinja` filled.
    Its output goes to the scratch folder, never to stdout (the reply
    channel), and to stderr when it fails; the environment is put back as
    it was."""
    import tempfile

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_out, saved_err = os.dup(1), os.dup(2)
    with tempfile.TemporaryDirectory(prefix="aw-warm-") as scratch:
        log = os.open(f"{scratch}/parse.txt", os.O_WRONLY | os.O_CREAT)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.environ["AUDIENCE_WAREHOUSE_DB"] = f"{scratch}/warm.duckdb"
        os.chdir(project)
        # Without the static parser: its Rust extension, once used, hangs
        # in every forked child (seen); the children use it as dbt does.
        args = ["--no-static-parser", "parse", "--no-write-json",
                "--target-path", f"{scratch}/target",
                "--log-path", f"{scratch}/logs"]  # fmt: skip
        try:
            code = _invoke(args)
        finally:
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
            os.close(log)
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)
        if code:  # the children still run, with cold caches (slower)
            output = open(f"{scratch}/parse.txt", errors="replace").read()
            print(
                f"dbt launcher: the warm-up parse failed (exit {code}); "
                f"every invocation parses without the caches:\n{output[-3000:]}",
                file=sys.stderr,
            )


def main() -> None:
    # Started as a script, its own folder (the test packages: io, core, ...)
    # heads the import path; dbt must not see them.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(
        os.path.abspath(__file__)
    ):
        sys.path.pop(0)
    # What every invocation imports: dbt and its DuckDB adapter; what the
    # Python models import (their own package modules load in the child).
    import dbt.adapters.duckdb  # noqa: F401
    import dbt.cli.main  # noqa: F401
    import pandas  # noqa: F401
    import sklearn.cluster  # noqa: F401
    import sklearn.ensemble  # noqa: F401
    import sklearn.linear_model  # noqa: F401

    _build_json_schemas()
    _cache_jinja()
    _cache_validation()
    if len(sys.argv) > 1:  # the project to parse once before any request
        _warm(sys.argv[1])
    reply = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        reply.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            # The child ends as the dbt script does, through the
            # interpreter's normal exit (not os._exit): the finalisers close
            # DuckDB, which checkpoints its write-ahead log into the file; a
            # copy of the file taken after would otherwise miss the last
            # tables.
            sys.exit(_run_child(request))
        _, status = os.waitpid(pid, 0)
        reply.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}))
        reply.write("\n")
        reply.flush()


if __name__ == "__main__":
    main()
