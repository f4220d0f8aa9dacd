"""Seeded generator of Facebook ad rows in the public "KAG conversion" schema.

The shapes follow the real file (three xyz campaigns of very different size,
long-tailed impressions, clicks that follow impressions, spend that follows
clicks, conversions that depend on the audience cell). Nothing here is copied
from the real file: every number is drawn from the seeded generator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KAG_COLUMNS: list[str] = [
    "ad_id",
    "xyz_campaign_id",
    "fb_campaign_id",
    "age",
    "gender",
    "interest",
    "Impressions",
    "Clicks",
    "Spent",
    "Total_Conversion",
    "Approved_Conversion",
]

AGE_BANDS: list[str] = ["30-34", "35-39", "40-44", "45-49"]
GENDERS: list[str] = ["M", "F"]
INTEREST_CODES: list[int] = [
    *range(2, 8),
    10,
    *range(15, 33),
    36,
    *range(63, 67),
    *range(100, 115),
]

# campaign id -> (share of ads, median impressions per ad)
_CAMPAIGNS: dict[int, tuple[float, float]] = {
    916: (0.05, 6_000.0),
    936: (0.40, 14_000.0),
    1178: (0.55, 180_000.0),
}
_AGE_SHARES = np.array([0.37, 0.22, 0.19, 0.22])
_AGE_CTR_FACTOR = np.array([1.0, 1.15, 1.3, 1.55])
_AGE_CONVERSION_FACTOR = np.array([1.25, 1.0, 0.9, 0.8])
_GENDER_CTR_FACTOR = np.array([1.0, 1.3])
_BASE_CTR = 0.00017
_MEDIAN_CPC = 1.45

# Kinds of invalid row the generator can plant, so rejects have work to do.
DIRTY_KINDS: list[str] = [
    "null_ad_id",
    "duplicate_ad_id",
    "negative_spend",
    "clicks_exceed_impressions",
    "approved_exceed_total",
    "unknown_age_band",
    "unknown_gender",
]


def generate_ads(
    n_ads: int, random_state: int, dirty_fraction: float = 0.0
) -> pd.DataFrame:
    """Return ``n_ads`` ads in the KAG schema, drawn from ``random_state``.

    ``dirty_fraction`` of the rows (rounded down) are then made invalid in one
    of the :data:`DIRTY_KINDS` ways, cycling through the kinds in order.
    Every column is deterministic for a given ``(n_ads, random_state,
    dirty_fraction)``.
    """
    if n_ads < 1:
        raise ValueError("n_ads must be at least 1")
    if not 0.0 <= dirty_fraction < 0.5:
        raise ValueError("dirty_fraction must be in [0, 0.5)")
    rng = np.random.default_rng(random_state)

    # Facebook campaigns: one targeting cell each, one to three ads each.
    group_sizes = rng.integers(1, 4, size=n_ads)
    group_of_ad = np.repeat(np.arange(n_ads), group_sizes)[:n_ads]
    n_groups = int(group_of_ad[-1]) + 1

    campaign_ids = np.array(list(_CAMPAIGNS))
    campaign_shares = np.array([share for share, _ in _CAMPAIGNS.values()])
    group_campaign = rng.choice(len(campaign_ids), size=n_groups, p=campaign_shares)
    group_age = rng.choice(len(AGE_BANDS), size=n_groups, p=_AGE_SHARES)
    group_gender = rng.integers(0, 2, size=n_groups)
    interest_weights = rng.dirichlet(np.full(len(INTEREST_CODES), 0.8))
    group_interest = rng.choice(len(INTEREST_CODES), size=n_groups, p=interest_weights)
    # Interests differ in how well they convert and how often it is approved.
    interest_conversion = rng.lognormal(0.0, 0.35, size=len(INTEREST_CODES))
    interest_approval = rng.uniform(0.2, 0.5, size=len(INTEREST_CODES))

    campaign = group_campaign[group_of_ad]
    age = group_age[group_of_ad]
    gender = group_gender[group_of_ad]
    interest = group_interest[group_of_ad]

    median_impressions = np.array([median for _, median in _CAMPAIGNS.values()])
    impressions = np.maximum(
        87, np.round(median_impressions[campaign] * rng.lognormal(0.0, 1.1, n_ads))
    ).astype(np.int64)

    ctr = (
        _BASE_CTR
        * _AGE_CTR_FACTOR[age]
        * _GENDER_CTR_FACTOR[gender]
        * rng.lognormal(0.0, 0.3, n_ads)
    )
    clicks = rng.binomial(impressions, np.minimum(ctr, 1.0)).astype(np.int64)
    cpc = _MEDIAN_CPC * rng.lognormal(0.0, 0.2, n_ads)
    spent = np.round(clicks * cpc, 2)

    expected_conversions = (
        0.4
        + 0.3
        * (impressions / 10_000.0) ** 0.7
        * _AGE_CONVERSION_FACTOR[age]
        * interest_conversion[interest]
    )
    total = rng.poisson(expected_conversions).astype(np.int64)
    approved = rng.binomial(total, interest_approval[interest]).astype(np.int64)

    ad_ids = 708_746 + np.cumsum(rng.integers(1, 60, size=n_ads)) - 1
    fb_campaign_ids = 103_916 + np.cumsum(rng.integers(1, 4, size=n_groups)) - 1

    frame = pd.DataFrame(
        {
            "ad_id": pd.array(ad_ids, dtype="Int64"),
            "xyz_campaign_id": campaign_ids[campaign],
            "fb_campaign_id": fb_campaign_ids[group_of_ad],
            "age": np.array(AGE_BANDS, dtype=object)[age],
            "gender": np.array(GENDERS, dtype=object)[gender],
            "interest": np.array(INTEREST_CODES)[interest],
            "Impressions": impressions,
            "Clicks": clicks,
            "Spent": spent,
            "Total_Conversion": total,
            "Approved_Conversion": approved,
        },
        columns=KAG_COLUMNS,
    )
    n_dirty = int(n_ads * dirty_fraction)
    if n_dirty:
        rows = rng.choice(np.arange(1, n_ads), size=n_dirty, replace=False)
        _make_dirty(frame, np.sort(rows))
    return frame


def _make_dirty(frame: pd.DataFrame, rows: np.ndarray) -> None:
    """Break ``rows`` of ``frame`` in place, one dirty kind per row in turn."""
    for position, row in enumerate(rows):
        kind = DIRTY_KINDS[position % len(DIRTY_KINDS)]
        if kind == "null_ad_id":
            frame.loc[row, "ad_id"] = pd.NA
        elif kind == "duplicate_ad_id":
            frame.loc[row, "ad_id"] = frame.loc[row - 1, "ad_id"]
        elif kind == "negative_spend":
            frame.loc[row, "Spent"] = -abs(frame.loc[row, "Spent"]) - 1.0
        elif kind == "clicks_exceed_impressions":
            frame.loc[row, "Clicks"] = frame.loc[row, "Impressions"] + 1
        elif kind == "approved_exceed_total":
            frame.loc[row, "Approved_Conversion"] = (
                frame.loc[row, "Total_Conversion"] + 1
            )
        elif kind == "unknown_age_band":
            frame.loc[row, "age"] = "50-54"
        elif kind == "unknown_gender":
            frame.loc[row, "gender"] = "X"


def ads_to_csv(frame: pd.DataFrame) -> str:
    """Render ads as CSV text exactly as the seed stores it (LF, no index)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")
