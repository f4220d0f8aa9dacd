"""Seeded generator of learning-platform customers in the segmentation schema.

Columns as in the public course file: ``minutes_watched`` (blank when the
customer bought but has not watched yet), ``CLV`` (customer lifetime value),
``region`` (0 Anglo-Saxon, 1 Western Europe, 2 rest of world) and ``channel``
(1 Google .. 8 Other). No id column, as in that file. Shapes: region and
channel mixes, CLV at subscription price points that differ by region,
heavy-tailed minutes, a few blanks. Every number comes from the seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CUSTOMER_COLUMNS: list[str] = ["minutes_watched", "CLV", "region", "channel"]
REGION_CODES: list[int] = [0, 1, 2]
CHANNEL_CODES: list[int] = [1, 2, 3, 4, 5, 6, 7, 8]

_REGION_SHARES = np.array([0.36, 0.12, 0.52])
_CHANNEL_SHARES = np.array([0.17, 0.08, 0.28, 0.17, 0.015, 0.075, 0.125, 0.08])
_CHANNEL_SHARES = _CHANNEL_SHARES / _CHANNEL_SHARES.sum()
# Price points a customer's lifetime value clusters around, and how likely
# each is per region (richer regions buy the larger plans more often).
_PRICE_POINTS = np.array([29.99, 62.58, 119.0, 149.99, 240.0])
_PRICE_SHARES_BY_REGION = np.array(
    [
        [0.10, 0.15, 0.35, 0.28, 0.12],
        [0.05, 0.10, 0.35, 0.32, 0.18],
        [0.30, 0.30, 0.25, 0.10, 0.05],
    ]
)
_MINUTES_MEDIAN_BY_REGION = np.array([350.0, 650.0, 600.0])
# Channels differ in engagement: friends and LinkedIn bring keener learners.
_MINUTES_FACTOR_BY_CHANNEL = np.array([1.0, 1.1, 0.9, 1.0, 0.7, 1.05, 1.2, 0.85])

DIRTY_KINDS: list[str] = [
    "negative_minutes_watched",
    "negative_customer_lifetime_value",
    "unknown_region",
    "unknown_channel",
    "invalid_minutes_watched",
    "missing_or_invalid_customer_lifetime_value",
]


def generate_customers(
    n_customers: int,
    random_state: int,
    blank_minutes_fraction: float = 0.03,
    dirty_fraction: float = 0.0,
) -> pd.DataFrame:
    """Return ``n_customers`` rows in the segmentation schema, as text.

    Values are strings exactly as a CSV would hold them (blank = ''), so
    invalid kinds such as ``n/a`` minutes can be planted. ``dirty_fraction``
    of rows (rounded down) are made invalid, cycling through
    :data:`DIRTY_KINDS`.
    """
    if n_customers < 1:
        raise ValueError("n_customers must be at least 1")
    if not 0.0 <= dirty_fraction < 0.5 or not 0.0 <= blank_minutes_fraction < 1.0:
        raise ValueError("fractions must be in [0, 0.5) and [0, 1)")
    rng = np.random.default_rng(random_state)

    region = rng.choice(len(REGION_CODES), size=n_customers, p=_REGION_SHARES)
    channel = rng.choice(len(CHANNEL_CODES), size=n_customers, p=_CHANNEL_SHARES)
    cumulative = _PRICE_SHARES_BY_REGION.cumsum(axis=1)[region]
    plan = (rng.random(n_customers)[:, None] > cumulative).sum(axis=1)
    clv = _PRICE_POINTS[plan]
    # A third of customers deviate from list price (discounts, upgrades).
    deviates = rng.random(n_customers) < 0.33
    clv = np.where(deviates, clv * rng.lognormal(0.0, 0.35, n_customers), clv)
    minutes = np.round(
        _MINUTES_MEDIAN_BY_REGION[region]
        * _MINUTES_FACTOR_BY_CHANNEL[channel]
        * rng.lognormal(0.0, 1.5, n_customers)
    )
    blank = rng.random(n_customers) < blank_minutes_fraction

    frame = pd.DataFrame(
        {
            "minutes_watched": np.where(
                blank, "", minutes.astype(np.int64).astype(str)
            ),
            "CLV": [f"{value:.2f}" for value in clv],
            "region": np.array(REGION_CODES)[region].astype(str),
            "channel": np.array(CHANNEL_CODES)[channel].astype(str),
        },
        columns=CUSTOMER_COLUMNS,
    )
    n_dirty = int(n_customers * dirty_fraction)
    if n_dirty:
        rows = np.sort(rng.choice(n_customers, size=n_dirty, replace=False))
        for position, row in enumerate(rows):
            _make_dirty(frame, int(row), DIRTY_KINDS[position % len(DIRTY_KINDS)])
    return frame


def _make_dirty(frame: pd.DataFrame, row: int, kind: str) -> None:
    column, value = {
        "negative_minutes_watched": ("minutes_watched", "-15"),
        "negative_customer_lifetime_value": ("CLV", "-49.99"),
        "unknown_region": ("region", "3"),
        "unknown_channel": ("channel", "9"),
        "invalid_minutes_watched": ("minutes_watched", "n/a"),
        "missing_or_invalid_customer_lifetime_value": ("CLV", ""),
    }[kind]
    frame.loc[row, column] = value


def customers_to_csv(frame: pd.DataFrame) -> str:
    """Render customers as CSV text exactly as the seed stores it (LF)."""
    return frame.to_csv(index=False, lineterminator="\n")
