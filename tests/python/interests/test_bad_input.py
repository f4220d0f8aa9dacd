"""Interests on data we did not bundle: a dirty wide file (missing and
impossible ages, missing genders, copied rows, counts as text, blank cells,
an interest column the map lacks, a text column that is no interest, a name
column) and a tiny long-form Parquet file set
where every user likes one category only."""

from __future__ import annotations

import pandas as pd
import pytest

from audience_warehouse.interests.generator import generate_interests, interests_wide
from audience_warehouse.io.files import write_frame

from ..conftest import Warehouse, csv_row_count

pytestmark = pytest.mark.dbt


def test_a_dirty_wide_file_reconciles_and_follows_each_stated_rule(
    dbt_runner, tmp_path
):
    data = generate_interests(1500, random_state=4)
    wide = interests_wide(data, random_state=4, dirty_fraction=0.03)  # 9 rows each
    names = dict(zip(data.users.user_id.astype(str), data.users.name, strict=True))
    wide.insert(1, "Name", wide.user_id.map(names))
    wide["Knitting"] = "1"
    wide["Country"] = "uk"  # not an interest, not listed as a profile column
    blank = wide.index[wide.football != "a few"][:5]
    wide.loc[blank, "football"] = ""  # a blank cell is a count of 0
    path = tmp_path / "wide.csv"
    wide.to_csv(path, index=False)
    database = tmp_path / "wide.duckdb"
    result = dbt_runner(
        database, "build", "--select", "tag:interests",
        vars_={"interests_wide_path": str(path)},
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(database)
    users = warehouse.query(
        "select * from main_intermediate.int_interest_users_validated"
    )
    assert len(users) == csv_row_count(path)
    assert users.reject_reason.value_counts().to_dict() == {"exact_duplicate": 9}
    clean = users[users.reject_reason.isna()]
    assert (clean.age_status == "missing").sum() == 9
    assert (clean.age_status == "impossible").sum() == 9
    assert (clean.gender == "unknown").sum() == 9
    likes = warehouse.query(
        "select * from main_intermediate.int_interest_likes_validated"
    )
    assert len(likes) == len(clean) * 22  # 20 subcategories, Knitting, Country
    assert likes.reject_reason.value_counts().to_dict() == {
        "invalid_like_count": 9 + 1500
    }
    assert set(likes[likes.reject_reason.notna()].like_count_text) == {"a few", "uk"}
    blank_text = likes.like_count_text.fillna("").str.strip() == ""
    blanks = likes[(likes.interest == "football") & blank_text]
    assert len(blanks) == 5 and blanks.reject_reason.isna().all()
    assert (blanks.like_count == 0).all()
    unmapped = warehouse.query(
        "select * from main.fct_interest_unmapped_interests order by interest"
    )
    columns = ["interest", "user_count", "like_count", "rejected_count"]
    assert unmapped[columns].values.tolist() == [
        ["country", 0, 0, 1500],
        ["knitting", 1500, 1500, 0],
    ]
    marts = warehouse.query("select * from main.dim_interest_users")
    assert len(marts) == 1500 and "name" not in {c.lower() for c in marts.columns}
    assert len(warehouse.query("select * from main.dim_interest_clusters")) >= 2


def test_a_tiny_one_taste_parquet_input_builds_and_says_why(dbt_runner, tmp_path):
    data = generate_interests(40, random_state=3)
    likes = (
        data.likes.groupby("user_id", as_index=False)
        .like_count.sum()
        .assign(subcategory="football")[["user_id", "subcategory", "like_count"]]
    )
    paths = {"users": tmp_path / "users.parquet", "likes": tmp_path / "likes.parquet"}
    for name, frame in {"users": data.users, "likes": likes}.items():
        write_frame(frame, paths[name], lambda f: f.to_csv(index=False))
    database = tmp_path / "tiny.duckdb"
    result = dbt_runner(
        database, "build", "--select", "tag:interests",
        vars_={
            "interest_users_path": str(paths["users"]),
            "interest_likes_path": str(paths["likes"]),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(database)
    selection = warehouse.query("select * from main.fct_interest_k_selection")
    chosen = selection[selection.is_chosen].iloc[0]
    assert chosen.k == 1 and "one cluster" in chosen.note
    users = warehouse.query("select * from main.dim_interest_users")
    assert len(users) == 40 and set(users.ad_category) == {"sports"}
    assert users.ad_confidence.max() <= 1.0
    scree = warehouse.query("select * from main.fct_interest_pca_components")
    assert (scree.explained_variance_ratio == 0).all()
    check = warehouse.query("select * from main.fct_interest_ad_choice_check")
    assert set(check.method) >= {"ad_rule", "most_popular_category"}
    pd.testing.assert_series_equal(
        check.hit_rate, pd.Series(1.0, index=check.index), check_names=False
    )
