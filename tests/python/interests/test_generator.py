"""The seeded interests generator: schema, determinism, the intended skews,
the age range, taste concentrated on one or two categories and shifting
with age."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from audience_warehouse.interests.generator import (
    AGE_MAX,
    AGE_MIN,
    CATEGORIES,
    LIKE_COLUMNS,
    SUBCATEGORIES,
    USER_COLUMNS,
    WIDE_DIRT,
    category_map,
    generate_interests,
    interests_wide,
)


@pytest.fixture(scope="module")
def data():
    return generate_interests(20_000, random_state=3)


def category_likes(data) -> pd.DataFrame:
    likes = data.likes.merge(category_map(), on="subcategory")
    return likes.pivot_table(
        index="user_id", columns="category", values="like_count",
        aggfunc="sum", fill_value=0,
    ).reindex(columns=list(CATEGORIES), fill_value=0)  # fmt: skip


def test_schema_and_determinism(data):
    assert list(data.users.columns) == USER_COLUMNS
    assert list(data.likes.columns) == LIKE_COLUMNS
    again = generate_interests(20_000, random_state=3)
    pd.testing.assert_frame_equal(data.users, again.users)
    pd.testing.assert_frame_equal(data.likes, again.likes)
    other = generate_interests(20_000, random_state=4)
    assert not data.likes.equals(other.likes)
    assert data.users.handle.is_unique and data.users.user_id.is_unique
    assert (data.likes.like_count > 0).all()
    assert set(data.likes.subcategory) <= set(category_map().subcategory)


def test_ages_are_right_skewed_within_the_range(data):
    age = data.users.age
    assert age.min() >= AGE_MIN and age.max() <= AGE_MAX
    assert stats.skew(age) > 0.5, "a young audience with a long older tail"
    assert 16 <= age.median() <= 35


def test_liked_posts_are_highly_skewed(data):
    liked = data.likes.groupby("user_id").like_count.sum()
    assert len(liked) == len(data.users), "every user likes at least one post"
    assert stats.skew(liked) > 3
    assert liked.mean() > 1.3 * liked.median()


def test_taste_concentrates_on_one_or_two_categories(data):
    per_user = category_likes(data)
    liked = per_user.sum(axis=1)
    top_two = np.sort(per_user.to_numpy(), axis=1)[:, -2:].sum(axis=1)
    active = liked >= 30
    assert np.median(top_two[active] / liked[active]) > 0.7


def test_taste_shifts_with_age(data):
    per_user = category_likes(data)
    share = per_user.div(per_user.sum(axis=1), axis=0)
    age = data.users.set_index("user_id").age.reindex(share.index)
    young, old = share[age < 22].mean(), share[age >= 45].mean()
    assert young["fashion"] > 1.5 * old["fashion"]
    assert old["food"] > 1.5 * young["food"]


def test_bad_size_is_refused():
    with pytest.raises(ValueError):
        generate_interests(0, random_state=1)


def test_the_wide_form_holds_every_like_and_the_dirt_real_files_have():
    data = generate_interests(3000, random_state=8)
    wide = interests_wide(data, random_state=8)
    assert list(wide.columns) == ["user_id", "age", "gender", *SUBCATEGORIES]
    assert len(wide) == 3000
    assert (
        wide[SUBCATEGORIES].astype(int).to_numpy().sum() == data.likes.like_count.sum()
    )
    dirty = interests_wide(data, random_state=8, dirty_fraction=0.05)
    assert len(dirty) == 3000 + 150 // len(WIDE_DIRT)
    assert (dirty.age == "").sum() == 30 and (dirty.gender == "").sum() == 30
    assert set(dirty.age) >= {"3", "107"}
    assert dirty.duplicated().sum() == 30
    assert (dirty[SUBCATEGORIES] == "a few").to_numpy().sum() == 30
