"""The project on Apache Spark: its Python models run here, beside dbt.

dbt-spark's session method (Spark in this process) does not run dbt Python
models. The fit-small, assign-in-SQL design makes that a small gap: every
Python model reads bounded samples and writes a small table of fitted
parameters, and everything that grows with the data is SQL. So on Spark
the build runs in waves (:func:`build`): dbt builds the SQL models and
tests that need no Python model; then each Python model whose inputs are
built runs here, unchanged (the same file dbt runs on DuckDB, called with
a stand-in for its ``dbt`` argument whose ``ref`` returns a
:class:`SparkRelation`), and its frame is written back as a Spark table
where dbt would have put it; then dbt builds what those unlock; and so on.

dbt runs in this process (``dbtRunner``), so dbt-spark's Spark session is
the one the Python models read from and write to. Only this module of the
package touches Spark.
"""

from __future__ import annotations

import math
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

# ---------------------------------------------------------------------------
# What a Python model sees: the part of DuckDB's relation API it uses.


class SparkRelation:
    """A Spark DataFrame behind the methods the project's Python models and
    :mod:`audience_warehouse.io.dbt` call on a DuckDB relation: ``df``,
    ``fetchall``, ``filter``, ``project`` and ``aggregate`` (SQL expression
    strings, as DuckDB takes them)."""

    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def df(self) -> pd.DataFrame:
        """The rows as pandas, typed as DuckDB's ``df()`` types them:
        decimals as floats, integers with nulls as floats."""
        with warnings.catch_warnings():  # pyspark's notice about pandas 3
            warnings.simplefilter("ignore", FutureWarning)
            rows = self._frame.collect()
        fields = self._frame.schema.fields
        columns = {
            spark_field.name: [row[index] for row in rows]
            for index, spark_field in enumerate(fields)
        }
        return pd.DataFrame(
            {
                spark_field.name: _pandas_column(
                    columns[spark_field.name], spark_field.dataType.typeName()
                )
                for spark_field in fields
            },
            index=pd.RangeIndex(len(rows)),
        )

    def fetchall(self) -> list[tuple]:
        return [tuple(row) for row in self._frame.collect()]

    def filter(self, condition: str) -> SparkRelation:
        return SparkRelation(self._frame.filter(condition))

    def project(self, expressions: str) -> SparkRelation:
        return SparkRelation(self._frame.selectExpr(*_split_expressions(expressions)))

    # Used with aggregates only (``count(*)``), where it is a projection.
    aggregate = project


def _split_expressions(expressions: str) -> list[str]:
    """Top-level comma-separated expressions (commas inside brackets stay)."""
    parts, depth, current = [], 0, []
    for character in expressions:
        if character == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        current.append(character)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


_INTEGER_TYPES = {"byte", "short", "integer", "long"}


def _pandas_column(values: list, spark_type: str) -> pd.Series:
    if spark_type == "decimal" or spark_type in {"float", "double"}:
        return pd.Series([math.nan if v is None else float(v) for v in values])
    if spark_type in _INTEGER_TYPES:
        if any(v is None for v in values):
            return pd.Series([math.nan if v is None else float(v) for v in values])
        return pd.Series(values, dtype="int64")
    if spark_type == "boolean":
        if any(v is None for v in values):
            return pd.Series(values, dtype="object")
        return pd.Series(values, dtype="bool")
    if spark_type == "timestamp" or spark_type == "timestamp_ntz":
        return pd.Series(pd.to_datetime(values))
    return pd.Series(values, dtype="object")


@dataclass
class _Config:
    """``dbt.config`` inside a Python model: the node's configuration."""

    values: Mapping[str, Any]

    def __call__(self, **_: Any) -> None:
        """``dbt.config(materialized=...)``: set in the manifest already."""

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def meta_get(self, key: str, default: Any = None) -> Any:
        return (self.values.get("meta") or {}).get(key, default)


@dataclass
class _DbtStandIn:
    """The ``dbt`` argument of a Python model, on Spark."""

    config: _Config
    relations: Mapping[str, str]  # model name -> schema.identifier
    spark: Any

    def ref(self, name: str) -> SparkRelation:
        return SparkRelation(self.spark.table(self.relations[name]))


# ---------------------------------------------------------------------------
# Writing a model's frame back.


def _spark_schema(types: Mapping[str, str]) -> Any:
    """A Spark schema of nullable columns, ``types`` by name (from
    :func:`_column_type`)."""
    from pyspark.sql import types as T

    names = {
        "boolean": T.BooleanType(),
        "bigint": T.LongType(),
        "double": T.DoubleType(),
        "timestamp": T.TimestampType(),
        "string": T.StringType(),
    }
    return T.StructType(
        [
            T.StructField(name, names[kind], nullable=True)
            for name, kind in types.items()
        ]
    )


def _column_type(series: pd.Series, values: list | None = None) -> str:
    """The type DuckDB gives a pandas column: by dtype, and for an object
    column by its values (``values``: the cells through :func:`_python_value`,
    when the caller has them already)."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "bigint"
    if pd.api.types.is_float_dtype(dtype):
        return "double"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamp"
    if not pd.api.types.is_object_dtype(dtype):
        return "string"
    if values is None:
        values = [_python_value(value) for value in series]
    present = [value for value in values if value is not None]
    if not present:
        return "string"
    if all(isinstance(value, bool) for value in present):
        return "boolean"
    if all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "bigint"
    if all(
        isinstance(value, int | float) and not isinstance(value, bool)
        for value in present
    ):
        return "double"
    if all(isinstance(value, datetime) for value in present):
        return "timestamp"
    return "string"


def _python_value(value: Any) -> Any:
    """A pandas cell as the Python value Spark takes: NaN and NaT are null
    (as DuckDB reads them from pandas)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_frame(spark: Any, frame: pd.DataFrame, relation: str) -> int:
    """Replace the table ``relation`` (schema.identifier) with ``frame``,
    its columns typed as DuckDB types them. Each cell is converted once."""
    columns = {
        str(name): [_python_value(value) for value in frame[name]]
        for name in frame.columns
    }
    types = {
        name: _column_type(frame[original], values)
        for (name, values), original in zip(columns.items(), frame.columns, strict=True)
    }
    for name, kind in types.items():
        if kind == "double":  # whole numbers in a double column as floats
            columns[name] = [None if v is None else float(v) for v in columns[name]]
    rows = list(zip(*columns.values(), strict=True))
    spark.sql(f"create schema if not exists {relation.split('.')[0]}")
    spark.sql(f"drop table if exists {relation}")
    spark.createDataFrame(rows, _spark_schema(types)).write.format(
        "parquet"
    ).saveAsTable(relation)
    return len(frame)


def run_python_model(
    spark: Any,
    path: Path,
    config: Mapping[str, Any],
    relations: Mapping[str, str],
    relation: str,
) -> int:
    """Run one dbt Python model file on Spark and write its frame to
    ``relation``; returns the rows written."""
    namespace: dict[str, Any] = {"__name__": f"spark_python_model_{path.stem}"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102
    dbt = _DbtStandIn(_Config(config), relations, spark)
    frame = namespace["model"](dbt, spark)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{path} returned {type(frame).__name__}, not a pandas frame")
    return write_frame(spark, frame, relation)


# ---------------------------------------------------------------------------
# The build in waves.


@dataclass
class Plan:
    """The Python models in waves: each wave's models need only SQL and the
    Python models of earlier waves."""

    waves: list[list[str]] = field(default_factory=list)  # python model names


def python_waves(
    python_models: Iterable[str], python_parents: Mapping[str, set[str]]
) -> Plan:
    """Order Python models so each comes after every Python model upstream
    of it (``python_parents``: name -> the Python models among its
    ancestors)."""
    remaining, done, plan = set(python_models), set[str](), Plan()
    while remaining:
        ready = sorted(m for m in remaining if python_parents.get(m, set()) <= done)
        if not ready:
            raise ValueError(f"Python models depend on each other: {sorted(remaining)}")
        plan.waves.append(ready)
        done |= set(ready)
        remaining -= set(ready)
    return plan


def _ancestors(node_id: str, parents: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(parents.get(node_id, []))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(parents.get(current, []))
    return seen


def build(
    project_dir: Path,
    dbt_args: list[str],
    log: Callable[[str], None] = print,
    tests: bool = True,
    tag: str | None = None,
    exclude: Sequence[str] = (),
) -> int:
    """Build the project on the Spark target in waves (module docstring).
    ``dbt_args``: extra dbt options for every invocation (--vars,
    --target-path, ...); ``tests=False`` builds seeds and models only (the
    data and unit tests run on DuckDB; a comparison of the tables is the
    cheaper check that Spark computes the same); ``tag``: only the nodes
    with this tag (a domain, such as ``fans``); ``exclude``: dbt selectors
    of nodes never built, SQL or Python (``path:seeds/sample`` when the
    sources are tables of their own; as in dbt, what is downstream of them
    is still built). Returns 0, or the failing dbt invocation's code."""
    from dbt.cli.main import dbtRunner

    target = [] if "--target" in dbt_args else ["--target", "spark"]
    common = ["--project-dir", str(project_dir), *target, *dbt_args]
    parsed = dbtRunner().invoke(["parse", *common])
    if not parsed.success:
        log("dbt parse failed on the spark target")
        return 2
    manifest = parsed.result
    runner = dbtRunner(manifest=manifest)
    models = {
        node.unique_id: node
        for node in manifest.nodes.values()
        if node.resource_type == "model"
    }
    excluded: set[str] = set()
    if exclude:  # the Python models the selectors name (dbt's own selection)
        listed = runner.invoke(
            ["ls", *common, "--resource-type", "model", "--output", "name",
             "--quiet", "--select", *exclude]
        )  # fmt: skip
        if not listed.success:
            log(f"dbt could not read the selectors {' '.join(exclude)}")
            return 2
        excluded = set(listed.result)
    python = {
        uid: node
        for uid, node in models.items()
        if node.language == "python"
        and (tag is None or tag in node.tags)
        and node.name not in excluded
    }
    parents = {  # seeds depend on macros only
        uid: list(getattr(node.depends_on, "nodes", []))
        for uid, node in manifest.nodes.items()
    }
    python_parents = {
        python[uid].name: {
            python[a].name for a in _ancestors(uid, parents) if a in python
        }
        for uid in python
    }
    plan = python_waves([node.name for node in python.values()], python_parents)
    relations = {  # what a Python model may ref: models and seeds
        node.name: f"{node.schema}.{node.alias or node.name}"
        for node in manifest.nodes.values()
        if node.resource_type in ("model", "seed")
    }
    by_name = {node.name: node for node in python.values()}
    not_done = [node.name for node in python.values()]

    def dbt_build(select: list[str]) -> int:
        skipped = [*exclude, *by_name, *[f"{name}+" for name in not_done]]
        args = ["build", *common, "--exclude", *skipped]
        if not tests:
            args += ["--exclude-resource-type", "test", "unit_test"]
        if tag:  # each selector intersected with the tag
            select = [f"{name},tag:{tag}" for name in select] or [f"tag:{tag}"]
        if select:
            args += ["--select", *select]
        log(f"dbt {' '.join(args[:1] + args[len(common) + 1 :])}")
        result = runner.invoke(args)
        return 0 if result.success else 1

    if code := dbt_build([]):
        return code
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()  # dbt-spark's session
    for wave in plan.waves:
        for name in wave:
            node = by_name[name]
            rows = run_python_model(
                spark,
                project_dir / node.original_file_path,
                node.config.to_dict(),
                relations,
                relations[name],
            )
            log(f"python model {name} on Spark: {rows} rows -> {relations[name]}")
            not_done.remove(name)
        if code := dbt_build([f"{name}+" for name in wave]):
            return code
    return 0


def export_schema(
    schema: str, folder: Path, keep: Callable[[str, str], bool] | None = None
) -> list[str]:
    """Write the tables of ``schema`` on the running Spark session as one
    Parquet file each, ``folder/<table>.parquet`` (what a comparison with
    another engine reads); ``keep(name, table_type)`` chooses (default:
    every table, no view). Returns the names written."""
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    keep = keep or (lambda _, table_type: table_type != "VIEW")
    for table in spark.catalog.listTables(schema):
        if not keep(table.name, table.tableType):
            continue
        frame = spark.table(f"{schema}.{table.name}").coalesce(1)
        frame.write.mode("overwrite").parquet(str(folder / f"{table.name}.parquet"))
        names.append(table.name)
    return sorted(names)


def _take_option(args: list[str], name: str) -> str | None:
    """Remove ``name VALUE`` from ``args``; return VALUE (None if absent)."""
    if name not in args:
        return None
    position = args.index(name)
    value = args[position + 1]
    del args[position : position + 2]
    return value


def _take_values(args: list[str], name: str) -> list[str]:
    """Remove every ``name V1 V2 ...`` (the values up to the next option,
    as dbt reads a list) and ``name=V`` from ``args``; return the values
    (none if absent). ``name`` with no value is an error."""
    values: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        if arg.startswith(name + "="):
            values.append(arg.split("=", 1)[1])
            del args[position]
        elif arg == name:
            end = position + 1
            while end < len(args) and not args[end].startswith("-"):
                end += 1
            if end == position + 1:
                raise ValueError(f"{name} needs at least one value")
            values += args[position + 1 : end]
            del args[position:end]
        else:
            position += 1
    return values


def main(argv: list[str] | None = None) -> int:
    """``python -m audience_warehouse.io.spark [--export-marts DIR]
    [--no-tests] [--tag TAG] [--exclude SELECTOR ...] [dbt options]``: build
    the project folder (the working directory) on the spark target, never
    the nodes --exclude names; with --export-marts, then write
    the marts (schema main) and the rejects (main_intermediate's
    *_rejected) as Parquet files into DIR; with --no-tests,
    seeds and models only; with --tag, only the nodes with that tag."""
    args = list(sys.argv[1:] if argv is None else argv)
    tests = "--no-tests" not in args
    args = [arg for arg in args if arg != "--no-tests"]
    tag = _take_option(args, "--tag")
    export_to = _take_option(args, "--export-marts")
    try:
        exclude = _take_values(args, "--exclude")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    # pyspark converts timestamps between Spark and Python in the process's
    # time zone: UTC, as the spark target's session (the Python models'
    # pandas arithmetic on them then matches DuckDB's).
    os.environ["TZ"] = "UTC"
    time.tzset()
    code = build(Path.cwd(), args, tests=tests, tag=tag, exclude=exclude)
    if code == 0 and export_to is not None:
        export = Path(export_to)
        names = export_schema("main", export)
        rejects = export_schema(
            "main_intermediate",
            export / "rejected",
            lambda name, _: name.endswith("_rejected"),
        )
        print(f"exported {len(names)} marts and {len(rejects)} rejects to {export}")
    return code


if __name__ == "__main__":
    sys.exit(main())
