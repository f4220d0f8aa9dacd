"""A wide interests file with 1,000 count columns (issue 27): read in one
pass (the columns unpivoted, not one select per column; the memory this
saves is measured in the README, not here), every cell of a clean row
becomes one like-count row, clean or rejected with its reason, reconciled
cell by cell with the file as Python reads it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ..conftest import Warehouse, csv_row_count

pytestmark = pytest.mark.dbt

COLUMN_COUNT = 1000
USER_COUNT = 200
LIKE_COUNT_MAX = 1000  # var interests_like_count_max


def _wide_file(rng: np.random.Generator) -> pd.DataFrame:
    """user_id, age, gender and 1,000 count columns as text, mostly 0 as in
    the sample, with blank cells, counts that are text, negative,
    fractional or above the maximum, and one copied row."""
    names = [f"Interest {i:04d}" for i in range(COLUMN_COUNT - 2)]
    names += ["Football", "Rock 'n' Roll"]  # a mapped name; a quote
    counts = rng.poisson(0.3, size=(USER_COUNT, COLUMN_COUNT))
    counts = counts * rng.integers(1, 30, size=counts.shape)
    cells = counts.astype(str).astype(object)
    for value, every in [("", 7), ("a few", 11), ("-3", 13), ("2.5", 17)]:
        rows = rng.choice(USER_COUNT, size=COLUMN_COUNT // every)
        cells[rows, rng.choice(COLUMN_COUNT, size=rows.size)] = value
    rows = rng.choice(USER_COUNT, size=25)
    cells[rows, rng.choice(COLUMN_COUNT, size=rows.size)] = str(LIKE_COUNT_MAX + 1)
    wide = pd.concat(
        [
            pd.DataFrame(
                {
                    "user_id": [f"u{i}" for i in range(USER_COUNT)],
                    "age": rng.integers(16, 70, USER_COUNT).astype(str),
                    "gender": rng.choice(["f", "m"], USER_COUNT),
                }
            ),
            pd.DataFrame(cells, columns=names),
        ],
        axis=1,
    )
    return pd.concat([wide, wide.iloc[[5]]], ignore_index=True)  # a copy


def _expected_reason(text: str) -> str | None:
    """The reject reason of one cell of a clean row, as the README states
    the rules (a blank cell is a count of 0)."""
    if text.strip() == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return "invalid_like_count"
    if number < 0 or number != int(number):
        return "invalid_like_count"
    return "implausible_value" if number > LIKE_COUNT_MAX else None


def test_a_wide_file_of_1000_interest_columns_reconciles_cell_by_cell(
    dbt_runner, tmp_path
):
    wide = _wide_file(np.random.default_rng(27))
    path = tmp_path / "wide.csv"
    wide.to_csv(path, index=False)
    database = tmp_path / "wide_columns.duckdb"
    result = dbt_runner(
        database, "build", "--select", "+int_interest_likes_validated",
        "--indirect-selection", "cautious",
        vars_={
            "interests_wide_path": str(path),
            "interests_like_count_max": LIKE_COUNT_MAX,
        },
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(database)
    users = warehouse.query(
        "select * from main_intermediate.int_interest_users_validated"
    )
    assert len(users) == csv_row_count(path) == USER_COUNT + 1
    assert users.reject_reason.value_counts().to_dict() == {"exact_duplicate": 1}
    likes = warehouse.query(
        "select source_row_number, user_id, interest, like_count_text,"
        " like_count, reject_reason"
        " from main_intermediate.int_interest_likes_validated"
    )
    # Raw = clean + rejected: one row per cell of a clean row, no more.
    clean_rows = wide.iloc[:USER_COUNT].set_index("user_id")
    cells = clean_rows.drop(columns=["age", "gender"])
    assert len(likes) == cells.size == USER_COUNT * COLUMN_COUNT
    assert set(likes.interest) == {name.lower() for name in cells.columns}
    assert not likes.duplicated(["user_id", "interest"]).any()

    # Every cell, computed independently: its reason and its count.
    expected = cells.rename(columns=str.lower).stack().rename("text")
    expected.index.names = ["user_id", "interest"]
    expected = expected.to_frame()
    expected["reason"] = expected.text.map(_expected_reason)
    got = likes.set_index(["user_id", "interest"]).loc[expected.index]
    assert (got.like_count_text.fillna("") == expected.text).all()
    user_rows = expected.index.get_level_values("user_id").str[1:].astype(int) + 1
    assert (got.source_row_number.to_numpy() == user_rows.to_numpy()).all()
    reasons = got.reject_reason.fillna("clean").to_numpy()
    assert (reasons == expected.reason.fillna("clean").to_numpy()).all()
    assert set(expected.reason.dropna()) == {"invalid_like_count", "implausible_value"}
    clean = expected.reason.isna()
    counts = pd.to_numeric(expected.text[clean].replace("", "0"))
    assert (got.like_count[clean.to_numpy()].to_numpy() == counts.to_numpy()).all()
    assert got.like_count[~clean.to_numpy()].isna().all()
    # Non-zero counts per interest (a lost or shifted column shows here).
    nonzero = (counts[counts > 0].groupby(level="interest").size()).sort_index()
    got_nonzero = likes[likes.like_count > 0].groupby("interest").size().sort_index()
    pd.testing.assert_series_equal(got_nonzero, nonzero, check_names=False)
