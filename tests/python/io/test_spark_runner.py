"""The Spark runner's pure parts (audience_warehouse.io.spark): the order
of the Python models' waves, the expression splitting of the relation
stand-in, and the typing of cells both ways. No Spark needed."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.io.spark import (
    _column_type,
    _pandas_column,
    _python_value,
    _split_expressions,
    _take_option,
    _take_values,
    python_waves,
)


def test_a_python_model_runs_in_a_wave_after_every_python_model_upstream():
    plan = python_waves(
        ["centroids", "k_selection", "scores", "pca"],
        {"centroids": {"k_selection", "pca"}, "k_selection": {"pca"}, "scores": set()},
    )
    assert plan.waves == [["pca", "scores"], ["k_selection"], ["centroids"]]


def test_python_models_that_wait_on_each_other_fail_clearly():
    with pytest.raises(ValueError, match="depend on each other"):
        python_waves(["a", "b"], {"a": {"b"}, "b": {"a"}})


def test_expressions_split_at_top_level_commas_only():
    assert _split_expressions("k, round(x, 2) as y,count(*)") == [
        "k",
        "round(x, 2) as y",
        "count(*)",
    ]
    assert _split_expressions("count(*)") == ["count(*)"]


def test_cells_are_typed_as_duckdb_types_them():
    decimals = _pandas_column([Decimal("1.5"), None], "decimal")
    assert decimals.dtype == "float64" and math.isnan(decimals[1])
    assert _pandas_column([1, 2], "long").dtype == "int64"
    with_null = _pandas_column([1, None], "integer")
    assert with_null.dtype == "float64" and math.isnan(with_null[1])
    assert _pandas_column([True, False], "boolean").dtype == "bool"


def test_pandas_cells_reach_spark_as_python_values_and_nulls():
    assert _python_value(float("nan")) is None
    assert _python_value(pd.NaT) is None
    assert _python_value(np.int64(3)) == 3 and type(_python_value(np.int64(3))) is int
    stamp = _python_value(pd.Timestamp("2026-01-02 03:04:05"))
    assert stamp.isoformat() == "2026-01-02T03:04:05"
    assert _python_value("x") == "x"


def test_frame_columns_get_the_types_duckdb_gives_them():
    frame = pd.DataFrame(
        {
            "flag": pd.Series([True, None, False], dtype="object"),
            "count": pd.Series([1, None, 3], dtype="object"),
            "mixed": pd.Series([1, 2.5, None], dtype="object"),
            "nullable_int": pd.Series([1, None, 3], dtype="Int64"),
            "label": pd.Series(["a", None, "c"], dtype="object"),
            "at": pd.Series([pd.Timestamp("2026-01-02"), None, None], dtype="object"),
            "empty": pd.Series([None, None, None], dtype="object"),
            "score": [0.5, math.nan, 1.0],
        }
    )
    assert [_column_type(frame[name]) for name in frame.columns] == [
        "boolean",
        "bigint",
        "double",
        "bigint",
        "string",
        "timestamp",
        "string",
        "double",
    ]
    assert _python_value(pd.NA) is None


def test_options_are_taken_out_of_the_dbt_arguments():
    args = ["--tag", "fans", "--exclude", "path:seeds/sample", "x+", "--vars", "{}"]
    assert _take_option(args, "--tag") == "fans"
    assert _take_values(args, "--exclude") == ["path:seeds/sample", "x+"]
    assert args == ["--vars", "{}"]
    assert _take_values(args, "--exclude") == []
    assert _take_option(args, "--tag") is None
    # as dbt reads a list: up to the next option, short ones too; repeated,
    # or with =; a missing value is an error, not a silent nothing
    args = ["--exclude", "a", "-t", "spark", "--exclude=b", "--exclude", "c"]
    assert _take_values(args, "--exclude") == ["a", "b", "c"]
    assert args == ["-t", "spark"]
    with pytest.raises(ValueError, match="needs at least one value"):
        _take_values(["--exclude", "--vars", "{}"], "--exclude")
