"""Read a built warehouse (read-only) and export tables."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

DEFAULT_DATABASE = "audience_warehouse.duckdb"
# The errors of writing where this user may not: no permission on the
# folder (EACCES, EPERM) or a read-only file system (EROFS).
WRITE_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def ensure_writable_folder(folder: Path) -> None:
    """Raise PermissionError naming ``folder`` (or its nearest existing
    parent, when it is still to be made) when this process cannot create a
    file in it. DuckDB reports that as its own IOException, not an
    OSError, so a DuckDB write into a folder is checked first."""
    existing = Path(folder)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(existing))


def write_denied_message(error: OSError, hint: str) -> str | None:
    """One line for ``error`` when it is a write refused for want of
    permission (``WRITE_DENIED``): the folder it happened in and ``hint``,
    what to do. None for any other error."""
    if error.errno not in WRITE_DENIED:
        return None
    folder = Path(error.filename) if error.filename else None
    if folder is not None and not folder.is_dir():
        folder = folder.parent
    where = f"in {folder}" if folder is not None else "there"
    return f"cannot write {where}: {error.strerror or 'permission denied'}. {hint}"


def default_database() -> Path:
    """$AUDIENCE_WAREHOUSE_DB, or the project's default file name."""
    return Path(os.environ.get("AUDIENCE_WAREHOUSE_DB", DEFAULT_DATABASE))


@contextmanager
def read_only(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse file at ``database``."""
    if not Path(database).is_file():
        raise FileNotFoundError(
            f"no warehouse at {database}: run `python3 warehouse.py build` first"
        )
    with duckdb.connect(str(database), read_only=True) as connection:
        yield connection


def query(database: Path, sql: str) -> pd.DataFrame:
    """One query's result as a data frame."""
    with read_only(database) as connection:
        return connection.sql(sql).df()


def export_table(database: Path, table: str, out: Path) -> int:
    """Write ``table`` (``schema.name``) to ``out`` (.parquet or .csv);
    returns the number of rows. Used to keep fitted parameters for reuse."""
    if out.suffix not in {".parquet", ".csv"}:
        raise ValueError(f"{out}: expected a .parquet or .csv file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    ensure_writable_folder(out.parent)
    with read_only(database) as connection:
        relation = connection.table(table)
        if out.suffix == ".parquet":
            relation.write_parquet(str(out))
        else:
            relation.write_csv(str(out))
        return int(relation.aggregate("count(*)").fetchall()[0][0])


def export_marts(
    database: Path,
    out: Path,
    schema: str = "main",
    progress: Callable[[str], None] = lambda _: None,
) -> list[str]:
    """Copy every table of the marts schema (no staging, intermediate or pii
    schema) into a new DuckDB file at ``out``, for a BI connection that must
    see marts only (a DuckDB file has no per-schema permissions). Written
    beside ``out`` and renamed into place, so a reader never sees half a
    file. ``progress`` is told each table copied (``[i/n] name: rows``).
    Returns the tables copied."""
    out = Path(out)
    if out.resolve() == Path(database).resolve():
        raise ValueError("the marts copy must be another file than the warehouse")
    partial = out.with_name(out.name + ".partial")
    ensure_writable_folder(out.parent)
    partial.unlink(missing_ok=True)
    if not Path(database).is_file():
        raise FileNotFoundError(
            f"no warehouse at {database}: run `python3 warehouse.py build` first"
        )
    with duckdb.connect(str(partial)) as connection:
        source = str(database).replace("'", "''")
        connection.execute(f"attach '{source}' as warehouse (read_only)")
        tables = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables"
                " where table_catalog = 'warehouse' and table_schema = ?"
                " and table_type = 'BASE TABLE' order by 1",
                [schema],
            ).fetchall()
        ]
        for number, table in enumerate(tables, start=1):
            # DuckDB answers a create-table-as with the rows it wrote.
            (rows,) = connection.execute(
                f'create table main."{table}" as'
                f' select * from warehouse.{schema}."{table}"'
            ).fetchall()
            progress(f"[{number}/{len(tables)}] {table}: {rows[0]:,} rows")
        connection.execute("detach warehouse")
    os.replace(partial, out)
    return tables


def caller_path(path: Path) -> Path:
    """A relative path from the folder the user ran warehouse.py in."""
    base = os.environ.get("AUDIENCE_WAREHOUSE_CALLER_DIR")
    return path if path.is_absolute() or not base else Path(base) / path
