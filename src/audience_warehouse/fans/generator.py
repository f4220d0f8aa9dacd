"""Seeded generator of Facebook page engagement ("know your fans") data.

Three tables: pages (shows and networks), posts, and engagement events
(like / comment / share by a user on a post). Shapes: page popularity is
Zipf-like, user activity is heavy-tailed with a small minority of very active
users, each user is active for a limited span after joining, engagement has a
daily rhythm (evenings) and a weekly one (weekends), and users react mostly
to recent posts of their favourite pages. Vectorised, so it writes tens of
millions of events; every number comes from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PAGE_COLUMNS: list[str] = ["page_id", "page_name", "page_kind"]
POST_COLUMNS: list[str] = ["post_id", "page_id", "posted_at"]
ENGAGEMENT_COLUMNS: list[str] = [
    "user_id",
    "page_id",
    "post_id",
    "engagement_type",
    "engaged_at",
]
ENGAGEMENT_TYPES: list[str] = ["like", "comment", "share"]

_NETWORK_NAMES = ["Channel Nine", "Northstar TV", "Vista Network", "Blue Harbor"]
_SHOW_NAMES = [
    "Late Night Laughs", "Kitchen Wars", "The Cold Case Files", "Morning Buzz",
    "Island Hearts", "Speed Garage", "Tiny Houses", "Rival Chefs",
    "Courtroom Live", "Space Frontier", "Wild Coast", "Talent Hunt",
    "City Medics", "Retro Quiz", "Dance Off", "Home Rescue",
    "Mystery Manor", "Street Food Tour", "Family Feuds", "Pet Squad",
]  # fmt: skip
# Engagement by hour of day (evening peak) and the weekend boost.
_HOUR_WEIGHTS = np.array(
    [1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 6, 5, 5, 5, 6, 7, 9, 10, 10, 9, 6, 3],
    dtype=float,
)
_WEEKDAY_KEEP = 0.8  # share of weekday events that stay on their weekday

DIRTY_KINDS: list[str] = [
    "unknown_engagement_type",
    "engaged_before_post",
    "unknown_post",
    "unknown_page",
    "exact_duplicate",
    "null_user_id",
    "invalid_engaged_at",
]


@dataclass(frozen=True)
class FanData:
    """The three generated tables, timestamps as pandas datetimes."""

    pages: pd.DataFrame
    posts: pd.DataFrame
    engagements: pd.DataFrame


def generate_fans(
    n_users: int,
    n_events: int,
    random_state: int,
    n_pages: int = 24,
    posts_per_page_per_day: float = 0.5,
    days: int = 120,
    start: str = "2026-01-05",
    users_random_state: int | None = None,
    history_days: int | None = None,
    ties_share: float = 0.0,
) -> FanData:
    """Generate pages, posts and ``n_events`` engagements by ``n_users`` users.

    With ``users_random_state`` the users and their engagements come from
    that seed and the pages and posts from ``random_state``: calls with one
    ``random_state`` and several user seeds give parts of one larger data set
    (same posts; user ids to be offset by the caller), generated a part at a
    time in bounded memory.

    Two shapes real logs take, off by default (the default output does not
    change):

    - ``history_days``: a short history, as an export of the last day or
      week is. The whole time line (posts and engagements) is compressed
      linearly from ``days`` into the first ``history_days`` days, so every
      event falls within them and every engagement still follows its post
      (by at least a second). With 1, no user has a label window, nobody is
      active on two days.
    - ``ties_share``: heavy ties, as in a one-day log where most users did
      one thing. That share of users (rounded down, seeded) lose their own
      events and get one identical pattern instead: one like on the first
      post of all, a minute after it was posted; so their feature rows are
      all the same point. ``n_events`` counts the events before the
      replacement (the log then has fewer)."""
    if n_users < 1 or n_events < n_users or not 1 <= n_pages <= 24 or days < 14:
        raise ValueError(
            "need n_users >= 1, n_events >= n_users, 1..24 pages, 14+ days"
        )
    if history_days is not None and not 1 <= history_days <= days:
        raise ValueError(f"history_days must be in 1..{days}, not {history_days}")
    if not 0.0 <= ties_share <= 1.0:
        raise ValueError(f"ties_share must be in [0, 1], not {ties_share}")
    rng = np.random.default_rng(random_state)
    origin = np.datetime64(start, "s")
    day_seconds = 86_400

    # Pages: four networks first, then shows; popularity falls with rank.
    names = (_NETWORK_NAMES + _SHOW_NAMES)[:n_pages]
    kinds = ["network" if name in _NETWORK_NAMES else "show" for name in names]
    page_order = rng.permutation(n_pages)
    popularity = 1.0 / (1.0 + page_order) ** 1.1
    popularity /= popularity.sum()
    pages = pd.DataFrame(
        {"page_id": np.arange(1, n_pages + 1), "page_name": names, "page_kind": kinds}
    )

    # Posts: a steady schedule per page, at daytime hours.
    posts_per_page = max(1, int(posts_per_page_per_day * days))
    post_page = np.repeat(np.arange(n_pages), posts_per_page)
    post_seconds = (
        rng.integers(0, days, post_page.size) * day_seconds
        + rng.integers(8, 21, post_page.size) * 3600
    ).astype(np.int64)
    order = np.lexsort((post_seconds, post_page))
    post_page, post_seconds = post_page[order], post_seconds[order]
    page_offsets = np.searchsorted(post_page, np.arange(n_pages + 1))
    if users_random_state is not None:
        rng = np.random.default_rng(users_random_state)

    # Users: join date, active span, heavy-tailed activity, a few superfans.
    # Users who comment and share (deeper engagement) stay longer; how often
    # they engage is a separate trait, so early volume alone does not tell
    # who stays.
    joined = rng.uniform(0, days * 0.75, n_users)
    comment_bias = rng.beta(2.0, 12.0, n_users)
    share_bias = rng.beta(1.5, 18.0, n_users)
    loyalty = 0.15 + 25.0 * (comment_bias + share_bias) ** 2
    span = np.minimum(rng.exponential(25.0, n_users) * loyalty + 1.0, days - joined)
    activity = rng.lognormal(0.0, 1.2, n_users)
    activity *= np.where(rng.random(n_users) < 0.02, 15.0, 1.0)
    weights = activity * span
    counts = rng.multinomial(n_events - n_users, weights / weights.sum()) + 1
    favourite = rng.choice(n_pages, size=(n_users, 2), p=popularity)

    user = np.repeat(np.arange(n_users), counts)
    first = np.r_[0, np.cumsum(counts)[:-1]]
    offset = rng.random(n_events) * span[user]
    offset[first] = 0.0  # every user's first engagement is on the join day
    day = np.floor(joined[user] + offset)
    weekday = (day + int(pd.Timestamp(start).day_of_week)) % 7
    moved = (weekday < 5) & (rng.random(n_events) > _WEEKDAY_KEEP)
    weekend_day = 5 + (rng.random(n_events) < 0.45)  # Saturday or Sunday
    day = np.where(moved, day + (weekend_day - weekday), day)
    hour = rng.choice(24, size=n_events, p=_HOUR_WEIGHTS / _HOUR_WEIGHTS.sum())
    seconds = (
        np.minimum(day, days - 1) * day_seconds
        + hour * 3600
        + rng.integers(0, 3600, n_events)
    ).astype(np.int64)

    pick = rng.random(n_events)
    page = np.where(
        pick < 0.7,
        favourite[user, 0],
        np.where(
            pick < 0.9, favourite[user, 1], rng.choice(n_pages, n_events, p=popularity)
        ),
    )
    # The post: a recent one on that page, posted before the engagement.
    post_index = np.empty(n_events, dtype=np.int64)
    lag = rng.geometric(0.35, n_events) - 1
    for page_number in range(n_pages):
        mask = page == page_number
        low, high = page_offsets[page_number], page_offsets[page_number + 1]
        local = np.searchsorted(post_seconds[low:high], seconds[mask], side="right") - 1
        local = np.maximum(local - lag[mask], 0)
        post_index[mask] = low + local
    # Engagements cannot precede their post: move them just after it.
    seconds = np.maximum(
        seconds, post_seconds[post_index] + rng.integers(60, 7200, n_events)
    )

    if history_days is not None:
        post_seconds, seconds = _compress(
            post_seconds, seconds, post_index, history_days, days
        )

    draw = rng.random(n_events)
    kind = np.where(
        draw < comment_bias[user],
        1,
        np.where(draw < comment_bias[user] + share_bias[user], 2, 0),
    )
    posts = pd.DataFrame(
        {
            "post_id": np.arange(1, post_page.size + 1),
            "page_id": post_page + 1,
            "posted_at": origin + post_seconds.astype("timedelta64[s]"),
        }
    )
    engagements = pd.DataFrame(
        {
            "user_id": user + 1,
            "page_id": page + 1,
            "post_id": post_index + 1,
            "engagement_type": np.array(ENGAGEMENT_TYPES, dtype=object)[kind],
            "engaged_at": origin + seconds.astype("timedelta64[s]"),
        }
    )
    if ties_share:
        engagements = _tie_users(engagements, posts, n_users, ties_share, rng)
    engagements = engagements.sort_values(["engaged_at", "user_id"], kind="stable")
    return FanData(pages, posts, engagements.reset_index(drop=True))


def _compress(
    post_seconds: np.ndarray,
    seconds: np.ndarray,
    post_index: np.ndarray,
    history_days: int,
    days: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Post and engagement seconds (since the start) scaled from ``days`` to
    ``history_days``; an engagement rounded onto its post's second moves
    one second after it."""
    posts = post_seconds * history_days // days
    events = np.maximum(seconds * history_days // days, posts[post_index] + 1)
    return posts, events


def _tie_users(
    engagements: pd.DataFrame,
    posts: pd.DataFrame,
    n_users: int,
    ties_share: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Replace the events of ``ties_share`` of the users (seeded) with one
    identical like: on the first post of all, a minute after it."""
    tied = rng.choice(n_users, size=int(n_users * ties_share), replace=False) + 1
    post = posts.sort_values(["posted_at", "post_id"]).iloc[0]
    likes = pd.DataFrame(
        {
            "user_id": np.sort(tied),
            "page_id": post.page_id,
            "post_id": post.post_id,
            "engagement_type": "like",
            "engaged_at": post.posted_at + pd.Timedelta(minutes=1),
        }
    )
    kept = engagements[~engagements.user_id.isin(tied)]
    return pd.concat([kept, likes.astype(kept.dtypes.to_dict())], ignore_index=True)


def engagements_as_text(
    engagements: pd.DataFrame,
    random_state: int,
    timestamp_format: str = "iso",
    dirty_fraction: float = 0.0,
) -> pd.DataFrame:
    """Engagements as a raw file holds them: text values, timestamps as ISO
    text (``YYYY-MM-DD HH:MM:SS``) or epoch milliseconds, with
    ``dirty_fraction`` of rows (rounded down) broken in one of the
    :data:`DIRTY_KINDS` ways, cycling through the kinds.
    """
    text = engagements.astype({"user_id": str, "page_id": str, "post_id": str})
    text["engaged_at"] = format_timestamps(engagements["engaged_at"], timestamp_format)
    n_dirty = int(len(text) * dirty_fraction)
    if n_dirty:
        rng = np.random.default_rng(random_state)
        rows = np.sort(rng.choice(np.arange(1, len(text)), size=n_dirty, replace=False))
        duplicates = []
        for position, row in enumerate(rows):
            kind = DIRTY_KINDS[position % len(DIRTY_KINDS)]
            if kind == "exact_duplicate":
                duplicates.append(text.iloc[[row]])
            else:
                column, value = {
                    "unknown_engagement_type": ("engagement_type", "love"),
                    "engaged_before_post": ("engaged_at", "2000-01-01 00:00:00"),
                    "unknown_post": ("post_id", "99999999"),
                    "unknown_page": ("page_id", "999"),
                    # A missing-value token, as exports write a missing id.
                    "null_user_id": ("user_id", "NULL"),
                    "invalid_engaged_at": ("engaged_at", "yesterday"),
                }[kind]
                text.iloc[row, text.columns.get_loc(column)] = value
        text = pd.concat([text, *duplicates], ignore_index=True)
    return text


def format_timestamps(values: pd.Series, timestamp_format: str) -> pd.Series:
    """ISO text (``YYYY-MM-DD HH:MM:SS``) or epoch milliseconds as text."""
    if timestamp_format == "iso":
        return values.dt.strftime("%Y-%m-%d %H:%M:%S")
    if timestamp_format == "epoch_ms":
        return (values.astype("datetime64[ms]").astype("int64")).astype(str)
    raise ValueError(
        f"timestamp_format must be 'iso' or 'epoch_ms', not {timestamp_format!r}"
    )


def table_to_csv(frame: pd.DataFrame) -> str:
    """Render a table as CSV text exactly as the seeds store it (LF)."""
    return frame.to_csv(index=False, lineterminator="\n")
