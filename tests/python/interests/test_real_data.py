"""The interests domain on a real wide file nobody here wrote: 249
travellers' review counts in six categories (UCI BuddyMove, see
../shared/data/real/interests_buddymove/SOURCE.md), read through the wide
bring-your-own input with no profile columns."""

from __future__ import annotations

import pandas as pd
import pytest

from ..conftest import BUDDYMOVE_CATEGORIES

pytestmark = pytest.mark.dbt


def test_all_249_travellers_load_with_unknown_age_and_gender(
    real_warehouse, buddymove_file
):
    raw = pd.read_csv(buddymove_file)
    users = real_warehouse.query("select * from main.dim_interest_users")
    assert len(users) == len(raw) == 249
    assert set(users.age_group) == {"unknown"} and set(users.gender) == {"unknown"}
    likes = real_warehouse.query(
        "select * from main_intermediate.int_interest_likes_validated"
    )
    assert len(likes) == 249 * 6 and likes.reject_reason.isna().all()
    assert (
        real_warehouse.query(
            "select count(*) as n from main.fct_interest_unmapped_interests"
        ).n.iloc[0]
        == 0
    )


def test_likes_and_top_categories_equal_the_file(real_warehouse, buddymove_file):
    raw = pd.read_csv(buddymove_file).set_index("User Id")[BUDDYMOVE_CATEGORIES]
    raw.columns = raw.columns.str.lower()
    sql = real_warehouse.query(
        "select user_id, category, like_count"
        " from main.fct_interest_user_category_likes"
    ).pivot(index="user_id", columns="category", values="like_count")
    sql.index = sql.index.astype(int)
    pd.testing.assert_frame_equal(
        sql.sort_index()[raw.columns], raw.sort_index(), check_names=False,
        check_dtype=False,
    )  # fmt: skip
    users = real_warehouse.query("select * from main.dim_interest_users")
    top = users.set_index(users.user_id.astype(int)).top_category.sort_index()
    best = raw.max(axis=1)
    for user_id, category in top.items():
        assert raw.loc[user_id, category] == best[user_id], user_id


def test_the_check_reports_the_real_file_honestly(real_warehouse):
    """Real tastes are flat (every traveller reviews every category): the
    report must still hold all four methods over the same users, and the
    clusters must be named by the rule (mostly `mixed interests` here)."""
    check = real_warehouse.query("select * from main.fct_interest_ad_choice_check")
    assert len(check) == 4 and check.evaluated_user_count.nunique() == 1
    assert check.evaluated_user_count.iloc[0] >= 40
    clusters = real_warehouse.query("select * from main.dim_interest_clusters")
    assert clusters.cluster_name.is_unique
    mixed = clusters[clusters.cluster_name.str.startswith("mixed interests")]
    assert (mixed.top_category_share < 0.5).all()
