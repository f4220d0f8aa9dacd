"""The seeded fans generator: schema, determinism, realistic shapes, dirt."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.fans.generator import (
    ENGAGEMENT_COLUMNS,
    POST_COLUMNS,
    engagements_as_text,
    format_timestamps,
    generate_fans,
)
from audience_warehouse.io.cli import (
    SAMPLE_FAN_DIRTY_FRACTION,
    SAMPLE_FAN_EVENTS,
    SAMPLE_FAN_SEED,
    SAMPLE_FAN_USERS,
)
from audience_warehouse.io.files import write_fans

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "sample"


@pytest.fixture(scope="module")
def fans():
    return generate_fans(3000, 60_000, random_state=5)


def test_schema_and_determinism(fans):
    assert list(fans.engagements.columns) == ENGAGEMENT_COLUMNS
    assert list(fans.posts.columns) == POST_COLUMNS
    again = generate_fans(3000, 60_000, random_state=5)
    pd.testing.assert_frame_equal(fans.engagements, again.engagements)
    other = generate_fans(3000, 60_000, random_state=6)
    assert not fans.engagements.equals(other.engagements)


def test_parts_share_pages_and_posts_and_differ_in_users(fans):
    """Parts of a larger data set (bench scale runs): the posts come from the
    shared seed, the users and events from each part's own seed."""
    part = generate_fans(3000, 60_000, random_state=5, users_random_state=11)
    pd.testing.assert_frame_equal(part.posts, fans.posts)
    pd.testing.assert_frame_equal(part.pages, fans.pages)
    assert not part.engagements.equals(fans.engagements)
    again = generate_fans(3000, 60_000, random_state=5, users_random_state=11)
    pd.testing.assert_frame_equal(part.engagements, again.engagements)
    joined = part.engagements.merge(part.posts, on="post_id", suffixes=("", "_post"))
    assert (joined.engaged_at > joined.posted_at).all()


def test_committed_sample_seeds_are_the_generator_output(tmp_path):
    paths = write_fans(
        tmp_path, SAMPLE_FAN_USERS, SAMPLE_FAN_EVENTS, SAMPLE_FAN_SEED, "csv",
        SAMPLE_FAN_DIRTY_FRACTION, prefix="sample_fan_",
    )  # fmt: skip
    for path in paths.values():
        assert (SEEDS / path.name).read_text() == path.read_text(), (
            f"seeds/sample/{path.name} is stale: regenerate with audience-warehouse "
            "generate-fans --dirty-fraction 0.002 --prefix sample_fan_ "
            "--out-dir seeds/sample"
        )


def test_every_event_follows_its_post_on_its_page(fans):
    joined = fans.engagements.merge(fans.posts, on="post_id", suffixes=("", "_post"))
    assert len(joined) == len(fans.engagements)
    assert (joined.page_id == joined.page_id_post).all()
    assert (joined.engaged_at > joined.posted_at).all()


def test_activity_is_heavy_tailed_with_a_very_active_minority(fans):
    per_user = fans.engagements.groupby("user_id").size().sort_values(ascending=False)
    assert per_user.index.nunique() == 3000  # every user engages at least once
    assert per_user.max() > 20 * per_user.median()
    top = per_user.head(len(per_user) // 20).sum() / per_user.sum()
    assert top > 0.3  # the top 5% of users make over 30% of engagements
    pages = fans.engagements.page_id.value_counts(normalize=True)
    assert pages.iloc[0] > 5 * pages.iloc[-1]  # popular and niche pages


def test_daily_and_weekly_rhythm(fans):
    when = fans.engagements.engaged_at
    by_hour = when.dt.hour.value_counts(normalize=True)
    assert by_hour[range(18, 22)].sum() > 4 * by_hour[range(2, 6)].sum()
    weekend = (when.dt.day_of_week >= 5).mean()
    assert weekend > 2 / 7 + 0.05


def test_types_and_timestamp_formats(fans):
    shares = fans.engagements.engagement_type.value_counts(normalize=True)
    assert shares["like"] > shares["comment"] > shares["share"] > 0.02
    stamp = pd.Series(pd.to_datetime(["2026-01-05 10:16:29"]))
    assert format_timestamps(stamp, "iso").tolist() == ["2026-01-05 10:16:29"]
    assert format_timestamps(stamp, "epoch_ms").tolist() == ["1767608189000"]
    with pytest.raises(ValueError):
        format_timestamps(stamp, "unix")


def test_dirty_rows_cover_every_kind(fans):
    text = engagements_as_text(fans.engagements.head(5000), 1, "iso", 0.01)
    # 50 dirty rows cycle through 7 kinds; exact_duplicate (the 5th) adds a row
    # at positions 4, 11, ..., 46: 7 extra rows.
    assert len(text) == 5000 + 7
    assert (text.engagement_type == "love").any()
    assert (text.user_id == "NULL").any() and (text.engaged_at == "yesterday").any()
    assert (text.post_id == "99999999").any() and (text.page_id == "999").any()
    assert (text.engaged_at == "2000-01-01 00:00:00").any()
    assert text.duplicated().any()
    assert np.all(text.columns == ENGAGEMENT_COLUMNS)


@pytest.mark.parametrize("history_days", [1, 7])
def test_a_short_history_keeps_every_event_within_its_days(history_days):
    short = generate_fans(500, 5000, random_state=5, history_days=history_days)
    start = pd.Timestamp("2026-01-05")
    end = start + pd.Timedelta(days=history_days)
    for times in [short.engagements.engaged_at, short.posts.posted_at]:
        assert times.min() >= start and times.max() < end
    # Spread over the days, not piled on one end of them.
    span = short.engagements.engaged_at.max() - short.engagements.engaged_at.min()
    assert span > pd.Timedelta(days=history_days) * 0.9
    joined = short.engagements.merge(short.posts, on="post_id", suffixes=("", "_post"))
    assert len(joined) == 5000 and (joined.engaged_at > joined.posted_at).all()
    assert short.engagements.user_id.nunique() == 500
    with pytest.raises(ValueError):
        generate_fans(500, 5000, random_state=5, history_days=0)


def test_heavy_ties_give_that_share_of_users_one_identical_event():
    tied = generate_fans(1000, 10_000, random_state=5, ties_share=0.9)
    events = tied.engagements
    assert events.user_id.nunique() == 1000  # nobody lost
    pattern = events.drop(columns="user_id")
    per_user = events.groupby("user_id").size()
    single = events[events.user_id.isin(per_user[per_user == 1].index)]
    # One pattern (page, post, type and second) shared by 900 users or more.
    most_common = pattern.loc[single.index].value_counts().iloc[0]
    assert 900 <= most_common < 1000
    assert (events.engagement_type[single.index] == "like").mean() > 0.9
    joined = events.merge(tied.posts, on="post_id", suffixes=("", "_post"))
    assert (joined.engaged_at > joined.posted_at).all()
    assert (joined.page_id == joined.page_id_post).all()
    again = generate_fans(1000, 10_000, random_state=5, ties_share=0.9)
    pd.testing.assert_frame_equal(events, again.engagements)
    untied = generate_fans(1000, 10_000, random_state=5)
    assert untied.engagements.drop(columns="user_id").value_counts().iloc[0] < 10
    with pytest.raises(ValueError):
        generate_fans(1000, 10_000, random_state=5, ties_share=1.5)
