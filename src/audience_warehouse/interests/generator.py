"""Seeded generator of social-platform users and what they like.

Users have an age, a gender, a realistic fake name and handle (the ``faker``
package, seeded), a number of liked posts and those likes spread over
subcategories of five categories. Shapes, and why:

- Age: a skew-normal distribution (shape ``AGE_SKEW`` = 4, location
  ``AGE_LOCATION`` = 16, scale ``AGE_SCALE`` = 16), kept in
  ``AGE_MIN``..``AGE_MAX`` (13..80): a social platform's audience is young
  (most users between 16 and 35, the mode near 22) with a long tail of older
  users; a positive shape gives that right skew, the bounds the platform's
  minimum age and a plausible maximum.
- Liked posts: log-normal (median ``LIKES_MEDIAN`` = 25, sigma
  ``LIKES_SIGMA`` = 1.1), at least 1: most users like a few dozen posts,
  a few like thousands (a heavy right tail, as on every platform).
- Taste: a user's likes concentrate on one or two favourite categories
  (``FAVOURITE_SHARE``, 60 to 90 % of the likes), the rest spread over all;
  which categories are favourite shifts with age (fashion and sports
  younger, food and pets older), so that clusters exist to be found.
  ``structure="none"`` plants no taste at all (see :func:`generate_interests`).
Vectorised; any size; the same seed gives the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from faker import Faker
from scipy import stats

CATEGORIES: dict[str, list[str]] = {
    "sports": ["football", "basketball", "running", "tennis"],
    "fashion": ["streetwear", "luxury", "sneakers", "beauty"],
    "food": ["vegan", "baking", "street_food", "restaurants"],
    "pets": ["dogs", "cats", "aquariums", "horses"],
    "travel": ["beaches", "city_breaks", "hiking", "road_trips"],
}
SUBCATEGORIES: list[str] = [sub for subs in CATEGORIES.values() for sub in subs]
USER_COLUMNS: list[str] = ["user_id", "name", "handle", "age", "gender"]
LIKE_COLUMNS: list[str] = ["user_id", "subcategory", "like_count"]

AGE_SKEW, AGE_LOCATION, AGE_SCALE = 4.0, 16.0, 16.0
AGE_MIN, AGE_MAX = 13, 80
LIKES_MEDIAN, LIKES_SIGMA = 25.0, 1.1
FAVOURITE_SHARE = (0.6, 0.9)
# How much each category appeals at age 13 and at age 80 (linear between):
# the favourite categories are drawn with these weights.
_APPEAL_YOUNG = np.array([3.0, 4.0, 1.0, 1.0, 1.5])
_APPEAL_OLD = np.array([1.0, 0.5, 4.0, 3.0, 2.5])


@dataclass(frozen=True)
class InterestData:
    """Users (one row each) and their likes (user x subcategory, count > 0)."""

    users: pd.DataFrame
    likes: pd.DataFrame


def category_map() -> pd.DataFrame:
    """Subcategory -> category, as the seed holds it."""
    return pd.DataFrame(
        [(sub, category) for category, subs in CATEGORIES.items() for sub in subs],
        columns=["subcategory", "category"],
    )


STRUCTURES: list[str] = ["planted", "none"]


def generate_interests(
    n_users: int, random_state: int, structure: str = "planted"
) -> InterestData:
    """Generate ``n_users`` users and their likes.

    ``structure``: ``"planted"`` (the default) gives each user favourite
    categories that shift with age, so taste clusters exist; ``"none"``
    draws every user's likes from one distribution (one set of subcategory
    shares, drawn once from the seed, the same for every user and age), so
    users differ only by chance and no taste cluster exists to be found, as
    in a file without structure."""
    if n_users < 1:
        raise ValueError("need n_users >= 1")
    if structure not in STRUCTURES:
        raise ValueError(f"structure must be one of {STRUCTURES}, not {structure!r}")
    rng = np.random.default_rng(random_state)
    age = stats.skewnorm.rvs(
        AGE_SKEW, loc=AGE_LOCATION, scale=AGE_SCALE, size=n_users, random_state=rng
    )
    # The few draws below the minimum age are reflected at it (clipping
    # would pile them up on age 13), the rare ones above 80 clipped.
    age = np.where(age < AGE_MIN, 2 * AGE_MIN - age, age)
    age = np.clip(np.round(age), AGE_MIN, AGE_MAX).astype(int)
    gender = rng.choice(np.array(["f", "m", "other"]), n_users, p=[0.5, 0.47, 0.03])
    liked = np.maximum(
        1, np.round(rng.lognormal(np.log(LIKES_MEDIAN), LIKES_SIGMA, n_users))
    ).astype(np.int64)
    if structure == "none":
        shares = rng.dirichlet(np.full(len(SUBCATEGORIES), 5.0))
        weights = np.tile(shares, (n_users, 1))
    else:
        weights = _subcategory_weights(rng, age)
    counts = _multinomial_rows(rng, liked, weights)
    users = pd.DataFrame(
        {
            "user_id": np.arange(1, n_users + 1),
            **_names(n_users, random_state),
            "age": age,
            "gender": gender,
        }
    )
    user_index, sub_index = np.nonzero(counts)
    likes = pd.DataFrame(
        {
            "user_id": user_index + 1,
            "subcategory": np.array(SUBCATEGORIES, dtype=object)[sub_index],
            "like_count": counts[user_index, sub_index],
        }
    )
    return InterestData(users, likes)


def _subcategory_weights(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    """Per user, the share of likes each subcategory gets."""
    n, n_categories = age.size, len(CATEGORIES)
    position = ((age - AGE_MIN) / (AGE_MAX - AGE_MIN))[:, None]
    appeal = (1 - position) * _APPEAL_YOUNG + position * _APPEAL_OLD
    appeal /= appeal.sum(axis=1, keepdims=True)
    # One or two favourite categories, drawn by age-dependent appeal.
    first = _draw(rng, appeal)
    second_appeal = appeal.copy()
    second_appeal[np.arange(n), first] = 0
    second = _draw(rng, second_appeal / second_appeal.sum(axis=1, keepdims=True))
    has_second = rng.random(n) < 0.45
    favourite_share = rng.uniform(*FAVOURITE_SHARE, n)
    category_weight = np.tile(
        (1 - favourite_share)[:, None] / n_categories, n_categories
    )
    split = np.where(has_second, rng.uniform(0.5, 0.8, n), 1.0)
    category_weight[np.arange(n), first] += favourite_share * split
    category_weight[np.arange(n), second] += favourite_share * (1 - split)
    # Within a category, each user prefers some subcategories (Dirichlet).
    per_category = len(next(iter(CATEGORIES.values())))
    within = rng.dirichlet(np.ones(per_category), (n, n_categories))
    return (category_weight[:, :, None] * within).reshape(n, -1)


def _draw(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One index per row, drawn with that row's probabilities."""
    cumulative = probabilities.cumsum(axis=1)
    draw = rng.random(probabilities.shape[0])[:, None] * cumulative[:, -1:]
    return (draw > cumulative).sum(axis=1)


def _multinomial_rows(
    rng: np.random.Generator, totals: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """A multinomial draw per row (numpy's multinomial takes one p per call
    only for a shared p; a binomial chain does it for all rows at once)."""
    counts = np.zeros(weights.shape, dtype=np.int64)
    remaining = totals.copy()
    left = np.ones(weights.shape[0])
    for column in range(weights.shape[1] - 1):
        share = np.clip(weights[:, column] / np.maximum(left, 1e-12), 0.0, 1.0)
        counts[:, column] = rng.binomial(remaining, share)
        remaining -= counts[:, column]
        left -= weights[:, column]
    counts[:, -1] = remaining
    return counts


def _names(n_users: int, random_state: int) -> dict[str, list[str]]:
    """Realistic fake names and handles, seeded (faker), unique handles."""
    faker = Faker("en_GB")
    faker.seed_instance(random_state)
    first = [faker.first_name() for _ in range(min(n_users, 5000))]
    last = [faker.last_name() for _ in range(min(n_users, 5000))]
    rng = np.random.default_rng(random_state + 1)
    first_pick = rng.integers(0, len(first), n_users)
    last_pick = rng.integers(0, len(last), n_users)
    names = [
        f"{first[a]} {last[b]}" for a, b in zip(first_pick, last_pick, strict=True)
    ]
    handles = [
        f"@{first[a].lower()}_{last[b].lower()}{i}".replace(" ", "").replace("'", "")
        for i, (a, b) in enumerate(zip(first_pick, last_pick, strict=True), start=1)
    ]
    return {"name": names, "handle": handles}


WIDE_DIRT: list[str] = [
    "missing_age", "missing_gender", "impossible_age", "duplicate_row",
    "count_as_text", "fractional_age", "token_gender",
]  # fmt: skip
# Missing-value tokens as real exports write them (any case, padded); the
# warehouse reads each as missing (var missing_value_tokens).
MISSING_TOKENS: list[str] = ["NA", " n/a ", "null", "None", "-", "?", "#N/A", "NaN"]


def _fractional_ages(rng: np.random.Generator, ages: pd.Series) -> np.ndarray:
    """Whole ages as surveys store them: years plus a fraction (26 ->
    "26.482"), the fraction in (0, 1)."""
    fraction = rng.integers(1, 1000, ages.size) / 1000
    return np.array([f"{int(a) + f:.3f}" for a, f in zip(ages, fraction, strict=True)])


def _tokens(n: int) -> np.ndarray:
    """``n`` missing-value tokens, cycling through :data:`MISSING_TOKENS`."""
    return np.array(MISSING_TOKENS)[np.arange(n) % len(MISSING_TOKENS)]


def interests_wide(
    data: InterestData, random_state: int, dirty_fraction: float = 0.0
) -> pd.DataFrame:
    """The wide form real files have: one row per user, ``user_id``, ``age``,
    ``gender`` and one count column per subcategory (0 where none), all as
    text, with ``dirty_fraction`` of rows (rounded down) made dirty the ways
    real files are, cycling through :data:`WIDE_DIRT`: a missing age or
    gender, an impossible age (3 or 107), a fully duplicated row, a count
    written as text that is not a number, an age with a fraction (26.482)
    and a gender written as a missing-value token (``NA``, ``null``...)."""
    counts = (
        data.likes.pivot_table(
            index="user_id", columns="subcategory", values="like_count",
            aggfunc="sum", fill_value=0,
        )
        .reindex(index=data.users.user_id, columns=SUBCATEGORIES, fill_value=0)
        .astype(np.int64)
    )  # fmt: skip
    wide = pd.concat(
        [data.users.set_index("user_id")[["age", "gender"]], counts], axis=1
    ).reset_index()
    wide = wide.astype(str)
    n_dirty = int(len(wide) * dirty_fraction)
    if not n_dirty:
        return wide
    rng = np.random.default_rng(random_state)
    rows = np.sort(rng.choice(np.arange(1, len(wide)), size=n_dirty, replace=False))
    kind_of_row = np.array(WIDE_DIRT)[np.arange(n_dirty) % len(WIDE_DIRT)]
    duplicates = wide.iloc[rows[kind_of_row == "duplicate_row"]]
    wide.loc[rows[kind_of_row == "missing_age"], "age"] = ""
    wide.loc[rows[kind_of_row == "missing_gender"], "gender"] = ""
    impossible = rows[kind_of_row == "impossible_age"]
    wide.loc[impossible, "age"] = np.where(np.arange(impossible.size) % 2, "107", "3")
    text = rows[kind_of_row == "count_as_text"]
    columns = rng.choice(SUBCATEGORIES, text.size)
    for row, column in zip(text, columns, strict=True):
        wide.loc[row, column] = "a few"
    fractional = rows[kind_of_row == "fractional_age"]
    wide.loc[fractional, "age"] = _fractional_ages(rng, wide.loc[fractional, "age"])
    token = rows[kind_of_row == "token_gender"]
    wide.loc[token, "gender"] = _tokens(token.size)
    return pd.concat([wide, duplicates], ignore_index=True)


LONG_USER_DIRT: list[str] = [
    "missing_age", "impossible_age", "missing_gender", "null_user_id",
    "duplicate_row", "conflicting_user_id", "fractional_age", "token_gender",
    "token_user_id",
]  # fmt: skip
LONG_LIKE_DIRT: list[str] = [
    "count_as_text", "negative_count", "unknown_user", "duplicate_row",
    "unmapped_subcategory", "token_user_id",
]  # fmt: skip
UNMAPPED_SUBCATEGORY = "knitting"
# Users who liked nothing (a profile without activity, as real exports
# have): the last ones of a dirty file keep their user row, lose every like.
NO_LIKES_USERS = 3


def interests_long_dirty(
    data: InterestData, random_state: int, dirty_fraction: float = 0.0
) -> InterestData:
    """The long form as text with ``dirty_fraction`` of user rows and of like
    rows (rounded down) made dirty, cycling through :data:`LONG_USER_DIRT`
    (a missing or impossible age, a missing gender, a blank user id, an exact
    copy of a row, a second row under an id with another age, an age with a
    fraction, a gender or a user id written as a missing-value token) and
    :data:`LONG_LIKE_DIRT` (a count that is not a number or is negative, a
    user that does not exist, an exact copy, a subcategory the map does not
    have, a user id written as a missing-value token). Copies are appended
    after the rows they copy. The last :data:`NO_LIKES_USERS` users like
    nothing: their like rows are left out."""
    users, likes = data.users.astype(str), data.likes.astype(str)
    if not dirty_fraction:
        return InterestData(users, likes)
    rng = np.random.default_rng(random_state + 2)
    rows, kinds = _dirty_rows(rng, len(users), dirty_fraction, LONG_USER_DIRT)
    users.loc[rows[kinds == "missing_age"], "age"] = ""
    impossible = rows[kinds == "impossible_age"]
    users.loc[impossible, "age"] = np.where(np.arange(impossible.size) % 2, "107", "3")
    users.loc[rows[kinds == "missing_gender"], "gender"] = ""
    users.loc[rows[kinds == "null_user_id"], "user_id"] = ""
    fractional = rows[kinds == "fractional_age"]
    users.loc[fractional, "age"] = _fractional_ages(rng, users.loc[fractional, "age"])
    token = rows[kinds == "token_gender"]
    users.loc[token, "gender"] = _tokens(token.size)
    token = rows[kinds == "token_user_id"]
    users.loc[token, "user_id"] = _tokens(token.size + 2)[2:]  # from "null"
    copies = users.iloc[rows[kinds == "duplicate_row"]]
    conflicting = users.iloc[rows[kinds == "conflicting_user_id"]].copy()
    conflicting["age"] = (conflicting["age"].astype(int) + 1).astype(str)
    users = pd.concat([users, copies, conflicting], ignore_index=True)
    rows, kinds = _dirty_rows(rng, len(likes), dirty_fraction, LONG_LIKE_DIRT)
    likes.loc[rows[kinds == "count_as_text"], "like_count"] = "a few"
    likes.loc[rows[kinds == "negative_count"], "like_count"] = "-2"
    likes.loc[rows[kinds == "unknown_user"], "user_id"] = str(len(data.users) + 1000)
    token = rows[kinds == "token_user_id"]
    likes.loc[token, "user_id"] = _tokens(token.size + 2)[2:]
    likes.loc[rows[kinds == "unmapped_subcategory"], "subcategory"] = (
        UNMAPPED_SUBCATEGORY
    )
    copies = likes.iloc[rows[kinds == "duplicate_row"]]
    likes = pd.concat([likes, copies], ignore_index=True)
    idle = data.users.user_id.astype(str).tail(NO_LIKES_USERS)
    return InterestData(users, likes[~likes.user_id.isin(idle)].reset_index(drop=True))


def _dirty_rows(
    rng: np.random.Generator, n_rows: int, dirty_fraction: float, kinds: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct seeded row positions (never the first row) and a dirt kind
    for each, cycling through ``kinds``."""
    n_dirty = min(int(n_rows * dirty_fraction), max(n_rows - 1, 0))
    rows = np.sort(rng.choice(np.arange(1, n_rows), size=n_dirty, replace=False))
    return rows, np.array(kinds)[np.arange(n_dirty) % len(kinds)]
