"""Reading relations inside dbt Python models, on DuckDB relations."""

import duckdb
import pytest

from audience_warehouse.io.dbt import batches, chosen_k, read_bounded, row_count


@pytest.fixture
def connection():
    with duckdb.connect() as connection:
        yield connection


def test_batches_cover_every_row_once_including_negative_keys(connection):
    users = connection.sql(
        "select range * 7919 - 40000 as user_id from range(1000)"
    )  # keys from -40,000 up, negative and positive
    pieces = list(batches(users, "user_id", batch_size=300))
    assert len(pieces) == 4
    keys = [key for piece in pieces for key in piece.user_id]
    assert sorted(keys) == sorted(row[0] for row in users.fetchall())
    assert max(len(piece) for piece in pieces) < 300 * 1.5


def test_read_bounded_refuses_more_rows_than_the_limit(connection):
    cells = connection.sql("select range as audience_cell_id from range(12)")
    assert len(read_bounded(cells, "12", "cells", "hint")) == row_count(cells) == 12
    with pytest.raises(ValueError, match="12 cells exceed the limit of 11: raise"):
        read_bounded(cells, 11, "cells", "raise the var")


def test_chosen_k_needs_exactly_one_chosen_row(connection):
    scores = connection.sql(
        "select * from (values (2, false), (3, true)) as t(k, is_chosen)"
    )
    assert chosen_k(scores) == 3
    none_chosen = connection.sql("select 2 as k, false as is_chosen")
    with pytest.raises(ValueError, match="one chosen k, found 0"):
        chosen_k(none_chosen)
