"""Sources where a team's data already lives: every source can read an
existing table, named by vars (``<source>_database``, ``<source>_schema``,
``<source>_<table>_identifier``, as the Fivetran packages' ``*_schema``
vars), instead of the sample seeds or a file.

The sample is loaded into tables of another schema, under other names, with
the types a loader would give them (whole numbers as BIGINT, epoch times as
numbers, decimals as DOUBLE: not the seeds' text), and staging is rebuilt on
them. Every staging model must give the same rows as on the seeds: staging
is the only layer that reads a source, so the marts follow.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
import yaml

from ..conftest import ROOT, run_dbt, writable_copy

pytestmark = pytest.mark.dbt


def source_tables() -> dict[tuple[str, str], str]:
    """(source, table) -> the sample seed it reads by default, from the
    sources' YAML."""
    tables = {}
    for path in sorted((ROOT / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                seed = table["identifier"].split("'")[-2]  # the var's default
                tables[source["name"], table["name"]] = seed
    return tables


def source_vars(tables: dict[tuple[str, str], str], schema: str) -> dict[str, str]:
    """The vars pointing every source at ``schema``, each table at
    ``<source>__<table>``."""
    return {
        **{f"{source}_schema": schema for source, _ in tables},
        **{
            f"{source}_{table}_identifier": f"{source}__{table}"
            for source, table in tables
        },
    }


def test_every_source_reads_an_existing_table(sample_warehouse, tmp_path) -> None:
    tables = source_tables()
    assert len(tables) == 12
    copy = writable_copy(sample_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        connection.execute("create schema crm")
        for (source, table), seed in tables.items():
            connection.execute(
                f"create table crm.{source}__{table} as select * from read_csv("
                "?, header = true, delim = ',', quote = '\"', escape = '\"',"
                " comment = '', sample_size = -1)",
                [str(ROOT / "seeds" / "sample" / f"{seed}.csv")],
            )
        typed = connection.sql(
            "select table_name || '.' || column_name, data_type"
            " from information_schema.columns where table_schema = 'crm'"
        ).fetchall()
    # Not the seeds' text: the loader typed what it could.
    assert {"BIGINT", "DOUBLE", "VARCHAR"} <= {data_type for _, data_type in typed}
    assert ("facebook_pages__posts.posted_at", "BIGINT") in typed
    vars_ = source_vars(tables, "crm")
    result = run_dbt(copy.path, "run", "--select", "path:models/staging", vars_=vars_)
    assert result.returncode == 0, result.output[-4000:]

    staging = sample_warehouse.query(
        "select table_schema || '.' || table_name as name from"
        " information_schema.tables where table_name like 'stg_%'"
    ).name.tolist()
    assert len(staging) >= 12
    reads = copy.query(
        "select view_name, sql from duckdb_views() where view_name like 'stg_%'"
    )
    assert reads.sql.str.contains(" crm.", regex=False).sum() >= 12, "staging reads crm"
    compared = 0
    for name in staging:
        # raw_row_hash fingerprints the input's values as the input holds
        # them (a typed table's 120.0, a seed's '120'): not data to compare.
        columns = sample_warehouse.query(f"select * from {name} limit 0").columns
        select = "* exclude (raw_row_hash)" if "raw_row_hash" in columns else "*"
        expected = sample_warehouse.query(f"select {select} from {name} order by all")
        actual = copy.query(f"select {select} from {name} order by all")
        pd.testing.assert_frame_equal(actual, expected, obj=name)
        compared += len(expected) > 0  # the wide file's staging is empty
    assert compared == 12
