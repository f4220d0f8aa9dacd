"""The seeded customer generator: schema, determinism, shapes, dirty rows."""

from pathlib import Path

import pandas as pd

from audience_warehouse.io.cli import (
    SAMPLE_CUSTOMERS_DIRTY_FRACTION,
    SAMPLE_CUSTOMERS_ROWS,
    SAMPLE_CUSTOMERS_SEED,
)
from audience_warehouse.segmentation.generator import (
    CUSTOMER_COLUMNS,
    customers_to_csv,
    generate_customers,
)

SEED_FILE = Path(__file__).resolve().parents[3] / "seeds/sample/sample_customers.csv"


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce")


def test_schema_and_determinism():
    first = generate_customers(400, random_state=3, dirty_fraction=0.02)
    assert list(first.columns) == CUSTOMER_COLUMNS
    assert customers_to_csv(first) == customers_to_csv(
        generate_customers(400, random_state=3, dirty_fraction=0.02)
    )
    assert customers_to_csv(first) != customers_to_csv(
        generate_customers(400, random_state=4, dirty_fraction=0.02)
    )


def test_committed_sample_seed_is_the_generator_output():
    expected = customers_to_csv(
        generate_customers(
            SAMPLE_CUSTOMERS_ROWS,
            SAMPLE_CUSTOMERS_SEED,
            dirty_fraction=SAMPLE_CUSTOMERS_DIRTY_FRACTION,
        )
    )
    assert SEED_FILE.read_text(encoding="utf-8") == expected, (
        "seeds/sample/sample_customers.csv is stale: regenerate it with "
        "audience-warehouse generate-customers --dirty-fraction 0.005 "
        "--out seeds/sample/sample_customers.csv"
    )


def test_shapes_are_realistic():
    frame = generate_customers(5000, random_state=1)
    minutes = numeric(frame, "minutes_watched")
    clv = numeric(frame, "CLV")
    assert 0.01 < (frame["minutes_watched"] == "").mean() < 0.06
    assert minutes.max() > 20 * minutes.median()  # heavy tail
    assert (clv > 0).all()
    assert set(frame["region"]) == {"0", "1", "2"}
    assert set(frame["channel"]) == {str(code) for code in range(1, 9)}
    by_region = clv.groupby(frame["region"]).median()
    assert by_region["2"] < min(by_region["0"], by_region["1"])  # cheaper plans
    twitter_share = (frame["channel"] == "5").mean()
    assert 0.005 < twitter_share < 0.04  # a small channel, as in the real data


def test_dirty_rows_cover_every_kind():
    frame = generate_customers(600, random_state=2, dirty_fraction=0.02)
    minutes = frame["minutes_watched"]
    assert (minutes == "n/a").any() and (numeric(frame, "minutes_watched") < 0).any()
    assert (frame["CLV"] == "").any() and (numeric(frame, "CLV") < 0).any()
    assert (frame["region"] == "3").any() and (frame["channel"] == "9").any()
