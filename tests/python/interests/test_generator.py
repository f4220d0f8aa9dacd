"""The seeded interests generator: schema, determinism, the intended skews,
the age range, taste concentrated on one or two categories and shifting
with age."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from audience_warehouse.interests.generator import (
    AGE_MAX,
    AGE_MIN,
    CATEGORIES,
    LIKE_COLUMNS,
    MISSING_TOKENS,
    SUBCATEGORIES,
    UNMAPPED_SUBCATEGORY,
    USER_COLUMNS,
    WIDE_DIRT,
    category_map,
    generate_interests,
    interests_long_dirty,
    interests_wide,
)
from audience_warehouse.io.cli import (
    SAMPLE_INTEREST_DIRTY_FRACTION,
    SAMPLE_INTEREST_SEED,
    SAMPLE_INTEREST_USERS,
)
from audience_warehouse.io.files import write_interests

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "sample"


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
    # 150 dirty rows cycling through 7 kinds: the first 3 kinds get 22.
    per_kind = {kind: 21 + (i < 3) for i, kind in enumerate(WIDE_DIRT)}
    assert len(dirty) == 3000 + per_kind["duplicate_row"]
    assert (dirty.age == "").sum() == per_kind["missing_age"] == 22
    assert (dirty.gender == "").sum() == per_kind["missing_gender"]
    assert set(dirty.age) >= {"3", "107"}
    assert dirty.duplicated().sum() == per_kind["duplicate_row"] == 21
    assert (dirty[SUBCATEGORIES] == "a few").to_numpy().sum() == 21
    fractional = dirty.age[dirty.age.str.contains(".", regex=False)]
    assert len(fractional) == per_kind["fractional_age"]
    assert fractional.str.fullmatch(r"\d+\.\d{3}").all()
    assert dirty.gender.isin(MISSING_TOKENS).sum() == per_kind["token_gender"]


def test_the_sample_seeds_are_the_generator_output_byte_for_byte(tmp_path):
    paths = write_interests(
        tmp_path, SAMPLE_INTEREST_USERS, SAMPLE_INTEREST_SEED, "csv",
        SAMPLE_INTEREST_DIRTY_FRACTION, prefix="sample_interest_",
    )  # fmt: skip
    for name in ["users", "likes"]:
        path = paths[name]
        assert path.read_bytes() == (SEEDS / path.name).read_bytes(), path.name
    reference = SEEDS.parent / "reference" / "interests_category_map.csv"
    assert paths["category_map"].read_bytes() == reference.read_bytes()


def test_the_long_form_gets_every_kind_of_dirt_on_request():
    data = generate_interests(2000, random_state=1)
    dirty = interests_long_dirty(data, random_state=1, dirty_fraction=0.03)
    users, likes = dirty.users, dirty.likes
    # 60 dirty rows cycling through 9 kinds: the first 6 kinds get 7.
    assert len(users) == 2000 + 7 + 7  # copied, conflicting
    assert (users.user_id == "").sum() == 7
    assert users.age.isin(["3", "107"]).sum() == 7
    assert (users.age == "").sum() == 7 and (users.gender == "").sum() == 7
    assert users.age.str.contains(".", regex=False).sum() == 6
    assert users.gender.isin(MISSING_TOKENS).sum() == 6
    assert users.user_id.isin(MISSING_TOKENS).sum() == 6
    ids = users[(users.user_id != "") & ~users.user_id.isin(MISSING_TOKENS)].user_id
    assert ids.duplicated().sum() == 14
    assert likes.user_id.isin(MISSING_TOKENS).sum() > 0
    assert (likes.like_count == "a few").sum() > 0
    assert (likes.like_count == "-2").sum() > 0
    assert (likes.subcategory == UNMAPPED_SUBCATEGORY).sum() > 0
    known = likes.user_id[~likes.user_id.isin(MISSING_TOKENS)].astype(int)
    assert not set(known) <= set(range(1, 2001))
    clean = interests_long_dirty(data, random_state=1)
    assert len(clean.users) == 2000 and len(clean.likes) == len(data.likes)


def test_without_structure_taste_neither_concentrates_nor_shifts_with_age():
    """structure="none": one distribution for every user, so the planted
    shapes above (taste on one or two categories, shifting with age) are
    absent; only chance separates users."""
    flat = generate_interests(20_000, random_state=3, structure="none")
    per_user = category_likes(flat)
    liked = per_user.sum(axis=1)
    active = liked >= 30
    top_two = np.sort(per_user.to_numpy(), axis=1)[:, -2:].sum(axis=1)
    share = per_user.div(liked, axis=0)
    # The top two categories hold what one shared set of shares gives them
    # plus noise, far from the 0.7 of planted taste.
    overall = per_user.sum() / per_user.to_numpy().sum()
    expected_top_two = np.sort(overall.to_numpy())[-2:].sum()
    assert np.median(top_two[active] / liked[active]) < expected_top_two + 0.1
    age = flat.users.set_index("user_id").age.reindex(share.index)
    young, old = share[age < 22].mean(), share[age >= 45].mean()
    assert ((young - old).abs() < 0.01).all()
    # The same ages, counts of likes and names: only taste changes.
    planted = generate_interests(20_000, random_state=3)
    pd.testing.assert_frame_equal(flat.users, planted.users)
    liked_planted = planted.likes.groupby("user_id").like_count.sum()
    pd.testing.assert_series_equal(liked, liked_planted, check_names=False)
    with pytest.raises(ValueError):
        generate_interests(10, random_state=3, structure="clusters")
