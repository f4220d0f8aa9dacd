"""Reading a built warehouse read-only and exporting a table."""

import duckdb
import pytest

from audience_warehouse.io.warehouse import export_marts, export_table, query, read_only


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.sql("create schema mart")
        connection.sql("create table mart.t as select range as id from range(5)")
    return path


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_export_round_trips(warehouse, tmp_path, suffix):
    out = tmp_path / f"t{suffix}"
    assert export_table(warehouse, "mart.t", out) == 5
    assert duckdb.sql(f"select sum(id) from '{out}'").fetchall() == [(10,)]


def test_connections_are_read_only_and_a_missing_file_says_so(warehouse, tmp_path):
    assert query(warehouse, "select count(*) as n from mart.t").n[0] == 5
    with read_only(warehouse) as connection, pytest.raises(duckdb.Error):
        connection.sql("create table mart.u (x int)")
    with pytest.raises(FileNotFoundError, match="warehouse.py build"):
        query(tmp_path / "absent.duckdb", "select 1")


def test_export_refuses_other_formats(warehouse, tmp_path):
    with pytest.raises(ValueError, match="parquet or .csv"):
        export_table(warehouse, "mart.t", tmp_path / "t.json")


def test_the_marts_copy_holds_the_marts_schema_only(tmp_path):
    path = tmp_path / "full.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.sql("create schema main_pii")
        connection.sql("create table main_pii.people as select 'a@b.co' as email")
        connection.sql("create table main.dim_x as select range as id from range(3)")
        connection.sql("create view main.v as select 1 as one")
    out = tmp_path / "bi.duckdb"
    told: list[str] = []
    assert export_marts(path, out, progress=told.append) == ["dim_x"]
    assert told == ["[1/1] dim_x: 3 rows"]
    with duckdb.connect(str(out), read_only=True) as connection:
        tables = connection.sql(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    assert tables == [("main", "dim_x")]
    with pytest.raises(ValueError, match="another file"):
        export_marts(path, path)


def test_a_process_sees_a_new_build_once_it_closed_every_connection(tmp_path):
    """What the README tells a BI process, as DuckDB does it: publishing
    replaces the file; while a connection of this process to the path is
    open, new connections share that open (old) database; once every one
    is closed, the next connection reads the new file."""
    import os

    path, new = tmp_path / "published.duckdb", tmp_path / "new.duckdb"
    for file, rows in ((path, 1), (new, 2)):
        with duckdb.connect(str(file)) as connection:
            connection.sql(f"create table t as select range as id from range({rows})")

    def rows() -> int:
        with duckdb.connect(str(path), read_only=True) as connection:
            return connection.execute("select count(*) from t").fetchone()[0]

    held = duckdb.connect(str(path), read_only=True)
    os.replace(new, path)  # what warehouse.py build does to publish
    assert rows() == 1  # a new connection, the old database: one is open
    held.close()
    assert rows() == 2
