"""Two builds from the same inputs give identical marts, to the last bit:
every table of the published schema is hashed in both."""

from __future__ import annotations

import hashlib

import pytest

from ..conftest import Warehouse, run_dbt

pytestmark = pytest.mark.dbt


def mart_hashes(warehouse: Warehouse) -> dict[str, str]:
    tables = warehouse.query(
        "select table_name from information_schema.tables"
        " where table_schema = 'main' and table_type = 'BASE TABLE'"
    ).table_name
    hashes = {}
    for table in tables:
        rows = warehouse.query(f"select * from main.{table} order by all")
        text = rows.to_csv(index=False, float_format="%.17g")
        hashes[table] = hashlib.sha256(text.encode()).hexdigest()
    return hashes


def test_two_builds_give_identical_marts(sample_warehouse, tmp_path):
    # The second build skips the data and unit tests (the first ran them):
    # they cannot change a table.
    database = tmp_path / "again.duckdb"
    result = run_dbt(
        database, "build", "--resource-type", "seed", "--resource-type", "model"
    )
    assert result.returncode == 0, result.output[-4000:]
    again = Warehouse(database)
    first, second = mart_hashes(sample_warehouse), mart_hashes(again)
    assert len(first) >= 25
    differing = sorted(name for name in first if first[name] != second.get(name))
    assert not differing, f"marts that differ between two builds: {differing}"
