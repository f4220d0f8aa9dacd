"""The seeded ads generator: schema, determinism, realistic shapes."""

from pathlib import Path

import numpy as np

from audience_warehouse.ads.generator import (
    AGE_BANDS,
    DIRTY_KINDS,
    KAG_COLUMNS,
    ads_to_csv,
    generate_ads,
)
from audience_warehouse.io.cli import (
    SAMPLE_ADS_DIRTY_FRACTION,
    SAMPLE_ADS_ROWS,
    SAMPLE_ADS_SEED,
    main,
)

ROOT = Path(__file__).resolve().parents[3]
SEED_FILE = ROOT / "seeds" / "sample" / "sample_facebook_ads.csv"


def test_schema_is_exactly_kag():
    frame = generate_ads(50, random_state=1)
    assert list(frame.columns) == KAG_COLUMNS
    assert len(frame) == 50


def test_same_seed_same_bytes_and_other_seed_differs():
    first = ads_to_csv(generate_ads(300, random_state=7, dirty_fraction=0.02))
    second = ads_to_csv(generate_ads(300, random_state=7, dirty_fraction=0.02))
    other = ads_to_csv(generate_ads(300, random_state=8, dirty_fraction=0.02))
    assert first == second
    assert first != other


def test_committed_sample_seed_is_the_generator_output():
    expected = ads_to_csv(
        generate_ads(SAMPLE_ADS_ROWS, SAMPLE_ADS_SEED, SAMPLE_ADS_DIRTY_FRACTION)
    )
    assert SEED_FILE.read_text(encoding="utf-8") == expected, (
        "seeds/sample/sample_facebook_ads.csv is stale: regenerate it with "
        "audience-warehouse generate-ads --dirty-fraction 0.01 "
        "--out seeds/sample/sample_facebook_ads.csv"
    )


def test_clean_rows_are_valid_and_shapes_are_realistic():
    frame = generate_ads(5000, random_state=3)
    assert frame["ad_id"].is_unique
    assert set(frame["age"]) <= set(AGE_BANDS)
    assert set(frame["gender"]) <= {"M", "F"}
    assert (frame["Clicks"] <= frame["Impressions"]).all()
    assert (frame["Approved_Conversion"] <= frame["Total_Conversion"]).all()
    assert (frame["Spent"] >= 0).all()
    impressions = frame["Impressions"]
    # Long-tailed: the largest ads dwarf the typical one.
    assert impressions.max() > 20 * impressions.median()
    # Clicks and spend follow impressions and clicks.
    assert np.corrcoef(np.log1p(impressions), np.log1p(frame["Clicks"]))[0, 1] > 0.7
    assert np.corrcoef(frame["Clicks"], frame["Spent"])[0, 1] > 0.9
    # Conversions depend on the audience cell: the youngest band converts more
    # per impression than the oldest.
    rate = (
        frame.groupby("age")["Total_Conversion"].sum()
        / frame.groupby("age")["Impressions"].sum()
    )
    assert rate["30-34"] > rate["45-49"]


def test_dirty_fraction_plants_every_kind():
    frame = generate_ads(1000, random_state=5, dirty_fraction=0.02)
    assert frame["ad_id"].isna().sum() >= 1
    assert frame["ad_id"].dropna().duplicated().sum() >= 1
    assert (frame["Spent"] < 0).sum() >= 1
    assert (frame["Clicks"] > frame["Impressions"]).sum() >= 1
    assert (frame["Approved_Conversion"] > frame["Total_Conversion"]).sum() >= 1
    assert (~frame["age"].isin(AGE_BANDS)).sum() >= 1
    assert (~frame["gender"].isin(["M", "F"])).sum() >= 1
    assert len(DIRTY_KINDS) == 7


def test_cli_writes_csv_and_parquet(tmp_path):
    import duckdb

    assert (
        main(
            [
                "generate-ads",
                "--rows",
                "40",
                "--seed",
                "2",
                "--out",
                str(tmp_path / "a.csv"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "generate-ads",
                "--rows",
                "40",
                "--seed",
                "2",
                "--out",
                str(tmp_path / "a.parquet"),
            ]
        )
        == 0
    )
    from_csv = duckdb.sql(f"select count(*) from '{tmp_path / 'a.csv'}'").fetchall()
    from_parquet = duckdb.sql(
        f"select count(*) from '{tmp_path / 'a.parquet'}'"
    ).fetchall()
    assert from_csv == from_parquet == [(40,)]
