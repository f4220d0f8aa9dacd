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


def test_the_real_file_is_reported_honestly(real_warehouse):
    """Real tastes are flat (every traveller reviews every category): the
    silhouettes lie within 0.04 of each other for every k (0.33-0.37), so
    the clusters are `no clear clusters` and not named; on the validation
    half the cluster's top category beats the rule (62.5 % against 45.8 %),
    so the rule is not served, and the fitness mart says both."""
    check = real_warehouse.query(
        "select * from main.fct_interest_ad_choice_check"
    ).set_index("method")
    assert len(check) == 4 and check.evaluated_user_count.nunique() == 1
    halves = check.validation_user_count.iloc[0] + check.evaluated_user_count.iloc[0]
    assert halves >= 40
    served = check.index[check.is_served].tolist()
    assert served == [check.validation_hit_rate.astype(float).idxmax()]
    assert served != ["ad_rule"]
    users = real_warehouse.query(
        "select distinct ad_method from main.dim_interest_users"
    )
    assert users.ad_method.tolist() == served
    selection = real_warehouse.query("select * from main.fct_interest_k_selection")
    assert set(selection.fit_status) == {"no clear clusters"}
    clusters = real_warehouse.query("select * from main.dim_interest_clusters")
    assert clusters.cluster_name.str.fullmatch(r"cluster \d+").all()
    fitness = real_warehouse.query(
        "select * from main.fct_interest_model_fitness"
    ).set_index("model_name")
    assert fitness.loc["taste clusters", "fit_status"] == "no clear clusters"
    assert fitness.loc["ad choice", "fit_status"] == "rule not served"
    assert "the rule is not served" in fitness.loc["ad choice", "fit_note"]
