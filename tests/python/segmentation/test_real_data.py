"""The segmentation domain on the real course file, through var customers_path.

Reproduces the published KMeans result (k = 8, k-means++, random_state 42 on
minutes, CLV, region code and one-hot region and channel, all standardised):
segments of 1,055, 939, 424, 391, 372, 306, 289 and 58 customers.
"""

from __future__ import annotations

import pytest

from ..conftest import Warehouse, rebuild_copy

pytestmark = [pytest.mark.dbt, pytest.mark.real_data]

PUBLISHED_SIZES = [1055, 939, 424, 391, 372, 306, 289, 58]


def within(size: float, published: float, tolerance: float = 0.05) -> bool:
    return abs(size - published) <= tolerance * published


def matched_sizes(sizes: list[int]) -> int:
    """Published sizes matched within 5%, each segment used at most once."""
    free = sorted(sizes, reverse=True)
    matched = 0
    for published in PUBLISHED_SIZES:
        hit = next((s for s in free if within(s, published)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return matched


@pytest.fixture(scope="module")
def forced_eight(real_warehouse, real_vars, tmp_path_factory) -> Warehouse:
    return rebuild_copy(
        real_warehouse,
        tmp_path_factory.mktemp("forced_eight"),
        "int_customer_segment_k_selection+",
        {**real_vars, "segmentation_k": 8},
    )


def test_all_rows_load_with_blank_minutes_flagged(real_warehouse):
    counts = real_warehouse.query(
        """
        select
            (select count(*) from main_staging.stg_learning_platform__customers)
                as raw_rows,
            (select count(*) from main_intermediate.int_customers_rejected)
                as rejected_rows,
            (select count(*) from main.dim_customers) as customers,
            (select count(*) from main.dim_customers where is_minutes_watched_imputed)
                as imputed
        """
    ).iloc[0]
    assert (counts.raw_rows, counts.rejected_rows) == (3834, 0)
    assert (counts.customers, counts.imputed) == (3834, 109)


def test_the_automatic_rule_picks_eight(real_warehouse):
    selection = real_warehouse.query(
        "select k, ward_merge_height_jump, is_chosen from main.fct_segment_k_selection"
    ).set_index("k")
    assert selection.index[selection.is_chosen].tolist() == [8]
    jumps = selection.ward_merge_height_jump
    # A clear winner, as the README says: 13.5 against at most 6.6.
    assert jumps[8] == pytest.approx(13.49, abs=0.01)
    assert jumps.drop(8).max() == pytest.approx(6.60, abs=0.01)


def test_the_default_build_reproduces_the_published_sizes_exactly(real_warehouse):
    """With the defaults (file order, 50 initialisations, seed 42) the kept
    solution is the published one; the README and DECISIONLOG figures."""
    sizes = real_warehouse.query(
        "select customer_count from main.dim_segments order by customer_count desc"
    ).customer_count.tolist()
    assert sizes == PUBLISHED_SIZES
    fit = real_warehouse.query("select * from main.fct_segment_model_fit").iloc[0]
    assert fit.fit_inertia == pytest.approx(22653.66, abs=0.01)
    assert fit.stability_mean_adjusted_rand_index == pytest.approx(0.730, abs=0.001)
    assert fit.stability_min_adjusted_rand_index == pytest.approx(0.701, abs=0.001)


def test_the_published_segments_are_reproduced(forced_eight):
    segments = forced_eight.query("select * from main.dim_segments")
    sizes = segments["customer_count"].tolist()
    assert len(sizes) == 8
    assert matched_sizes(sizes) >= 6

    def single_channel(name: str, published: int) -> None:
        rows = segments[
            (segments.dominant_channel_name == name)
            & (segments.dominant_channel_share >= 0.95)
        ]
        assert any(within(n, published) for n in rows.customer_count), (name, sizes)

    single_channel("Twitter", 58)
    single_channel("Instagram", 289)
    single_channel("Facebook", 306)
    anglo = segments[
        (segments.dominant_region_name == "Anglo-Saxon")
        & (segments.dominant_region_share >= 0.95)
    ]
    assert any(within(n, 1055) for n in anglo.customer_count), sizes


def test_fit_and_stability_are_stored(forced_eight):
    fit = forced_eight.query("select * from main.fct_segment_model_fit").iloc[0]
    assert fit.segment_count == 8 and fit.fit_row_count == 3834
    assert fit.fit_n_init == 50 and fit.stability_runs == 5
    assert 0 < fit.stability_mean_adjusted_rand_index <= 1
