"""Reading relations inside dbt Python models.

A dbt Python model on DuckDB receives ``DuckDBPyRelation`` objects from
``dbt.ref``. These helpers are the only place the models turn a relation
into pandas, and they keep every read bounded: a table that grows with the
data is read in batches or refused above a stated size.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pandas as pd


def row_count(relation: Any) -> int:
    return int(relation.aggregate("count(*)").fetchall()[0][0])


def read_bounded(relation: Any, max_rows: object, what: str, hint: str) -> pd.DataFrame:
    """The whole relation as pandas, or a clear error above ``max_rows``."""
    limit, count = int(str(max_rows)), row_count(relation)
    if count > limit:
        raise ValueError(f"{count} {what} exceed the limit of {limit}: {hint}")
    return relation.df()


def chosen_k(k_selection: Any) -> int:
    """The k flagged ``is_chosen`` in a k-selection relation."""
    rows = k_selection.filter("is_chosen").project("k").fetchall()
    if len(rows) != 1:
        raise ValueError(f"expected one chosen k, found {len(rows)}")
    return int(rows[0][0])


def batches(relation: Any, key: str, batch_size: int) -> Iterator[pd.DataFrame]:
    """The relation in about ``batch_size``-row pieces, by ``key`` modulo the
    number of pieces (made non-negative, so negative keys are covered)."""
    parts = max(1, math.ceil(row_count(relation) / batch_size))
    for part in range(parts):
        yield relation.filter(f"({key} % {parts} + {parts}) % {parts} = {part}").df()
