"""Read a built warehouse (read-only) and export tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

DEFAULT_DATABASE = "audience_warehouse.duckdb"


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
    with read_only(database) as connection:
        relation = connection.table(table)
        if out.suffix == ".parquet":
            relation.write_parquet(str(out))
        else:
            relation.write_csv(str(out))
        return int(relation.aggregate("count(*)").fetchall()[0][0])
