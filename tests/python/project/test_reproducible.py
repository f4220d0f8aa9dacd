"""Two builds from the same inputs give identical marts, to the last bit:
every table of the published schema is hashed in both."""

from __future__ import annotations

import pytest

from ..conftest import Warehouse, run_dbt, table_hashes

MARTS = "table_schema = 'main'"

pytestmark = pytest.mark.dbt


def test_two_builds_give_identical_marts(sample_warehouse, tmp_path):
    # The second build skips the data and unit tests (the first ran them):
    # they cannot change a table.
    database = tmp_path / "again.duckdb"
    result = run_dbt(
        database, "build", "--resource-type", "seed", "--resource-type", "model"
    )
    assert result.returncode == 0, result.output[-4000:]
    again = Warehouse(database)
    first, second = table_hashes(sample_warehouse, MARTS), table_hashes(again, MARTS)
    assert len(first) >= 25
    differing = sorted(name for name in first if first[name] != second.get(name))
    assert not differing, f"marts that differ between two builds: {differing}"
