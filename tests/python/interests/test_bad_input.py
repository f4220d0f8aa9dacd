"""Interests on data we did not bundle: a dirty wide file (missing,
impossible and fractional ages, missing genders blank or written as a
missing-value token, copied rows, counts as text, blank cells, an interest
column the map lacks, a text column that is no interest, a name column, a
category map with its own column names), a wide file without an id column,
and a tiny long-form Parquet file set where every user likes one category
only."""

from __future__ import annotations

import pandas as pd
import pytest

from audience_warehouse.interests.generator import (
    MISSING_TOKENS,
    category_map,
    generate_interests,
    interests_wide,
)
from audience_warehouse.io.files import write_frame

from ..conftest import Warehouse, csv_row_count
from .test_no_structure import build_interests

pytestmark = pytest.mark.dbt


def test_a_dirty_wide_file_reconciles_and_follows_each_stated_rule(
    dbt_runner, tmp_path
):
    data = generate_interests(1500, random_state=4)
    # 45 dirty rows over 7 kinds: missing age, missing gender and impossible
    # age 7 each; copies, counts as text, fractional ages, token genders 6.
    wide = interests_wide(data, random_state=4, dirty_fraction=0.03)
    names = dict(zip(data.users.user_id.astype(str), data.users.name, strict=True))
    wide.insert(1, "Name", wide.user_id.map(names))
    wide["Knitting"] = "1"
    wide["Country"] = "uk"  # not an interest, not listed as a profile column
    blank = wide.index[wide.football != "a few"][:5]
    wide.loc[blank, "football"] = ""  # a blank cell is a count of 0
    path = tmp_path / "wide.csv"
    wide.to_csv(path, index=False)
    map_path = tmp_path / "map.csv"  # the user's own header: Interest, Group
    category_map().rename(
        columns={"subcategory": "Interest", "category": "Group"}
    ).to_csv(map_path, index=False)
    database = tmp_path / "wide.duckdb"
    result = dbt_runner(
        database, "build", "--select", "tag:interests",
        vars_={
            "interests_wide_path": str(path),
            "interest_category_map_path": str(map_path),
            "interests_category_map_interest_column": "Interest",
            "interests_category_map_category_column": "Group",
        },
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(database)
    users = warehouse.query(
        "select * from main_intermediate.int_interest_users_validated"
    )
    assert len(users) == csv_row_count(path)
    assert users.reject_reason.value_counts().to_dict() == {"exact_duplicate": 6}
    clean = users[users.reject_reason.isna()]
    assert (clean.age_status == "missing").sum() == 7
    assert (clean.age_status == "impossible").sum() == 7
    # An age with a fraction is the whole years at the last birthday.
    fractional = clean[clean.age_text.str.contains(".", regex=False, na=False)]
    assert len(fractional) == 6 and (fractional.age_status == "valid").all()
    expected_ages = fractional.age_text.astype(float).astype(int)
    assert (fractional.age == expected_ages).all()
    # Blank (7) and missing-value tokens (NA, n/a, null...: 6) are unknown.
    assert wide.gender.isin(MISSING_TOKENS).sum() == 6
    assert (clean.gender == "unknown").sum() == 7 + 6
    token_users = wide.user_id[wide.gender.isin(MISSING_TOKENS)]
    genders = clean.set_index("user_id").gender
    assert (genders[token_users] == "unknown").all()
    likes = warehouse.query(
        "select * from main_intermediate.int_interest_likes_validated"
    )
    assert len(likes) == len(clean) * 22  # 20 subcategories, Knitting, Country
    assert likes.reject_reason.value_counts().to_dict() == {
        "invalid_like_count": 6 + 1500
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


def test_a_wide_file_without_an_id_column_numbers_its_rows(dbt_runner, tmp_path):
    data = generate_interests(60, random_state=5)
    wide = interests_wide(data, random_state=5).drop(columns="user_id")
    wide = wide.drop_duplicates(ignore_index=True)
    copies = wide.iloc[[3, 3, 10]]  # row 4 twice, row 11 once
    wide = pd.concat([wide, copies], ignore_index=True)
    path = tmp_path / "wide.csv"
    wide.to_csv(path, index=False)
    database = tmp_path / "no_id.duckdb"
    result = dbt_runner(
        database, "build", "--select", "+int_interest_likes_validated",
        "--indirect-selection", "cautious",
        vars_={"interests_wide_path": str(path), "interests_wide_user_column": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    users = Warehouse(database).query(
        "select * from main_intermediate.int_interest_users_validated"
        " order by source_row_number"
    )
    assert len(users) == csv_row_count(path) == len(wide)
    assert (users.user_id == users.source_row_number.astype(str)).all()
    # Copies are found by content (every column but the row number).
    rejected = users[users.reject_reason.notna()]
    assert rejected.reject_reason.tolist() == ["exact_duplicate"] * 3
    assert rejected.source_row_number.tolist() == [
        len(wide) - 2,
        len(wide) - 1,
        len(wide),
    ]


def test_a_tiny_one_taste_parquet_input_builds_and_says_why(tmp_path):
    data = generate_interests(40, random_state=3)
    likes = (
        data.likes.groupby("user_id", as_index=False)
        .like_count.sum()
        .assign(subcategory="football")[["user_id", "subcategory", "like_count"]]
    )
    paths = {"users": tmp_path / "users.parquet", "likes": tmp_path / "likes.parquet"}
    for name, frame in {"users": data.users, "likes": likes}.items():
        write_frame(frame, paths[name], lambda f: f.to_csv(index=False))
    warehouse = build_interests(tmp_path, paths)
    selection = warehouse.query("select * from main.fct_interest_k_selection")
    chosen = selection[selection.is_chosen].iloc[0]
    # One taste: a single distinct point, so one cluster, said in words.
    assert chosen.k == 1 and chosen.fit_status == "one cluster"
    assert chosen.fit_note.startswith("1 distinct point (minimum 20)")
    users = warehouse.query("select * from main.dim_interest_users")
    assert len(users) == 40 and set(users.ad_category) == {"sports"}
    assert not (users.ad_confidence > 1.0).any()
    # Every method hits every time: the simplest is served.
    assert set(users.ad_method) == {"most_popular_category"}
    scree = warehouse.query("select * from main.fct_interest_pca_components")
    assert (scree.explained_variance_ratio == 0).all()
    check = warehouse.query("select * from main.fct_interest_ad_choice_check")
    assert set(check.method) >= {"ad_rule", "most_popular_category"}
    pd.testing.assert_series_equal(
        check.hit_rate, pd.Series(1.0, index=check.index), check_names=False
    )


def test_a_category_map_with_a_bad_line_fails_naming_each(dbt_runner, tmp_path):
    """A map line without its category, an interest given two categories and
    an unreadable line fail the build in one message naming each; an exact
    repeat and a line of empty fields (a spreadsheet's `,,`) are read."""
    bad = tmp_path / "bad_map.csv"
    bad.write_text(
        "subcategory,category\nFootball,sports\n\ngolf,\n,,\n"
        "football, Outdoors\ntennis\nrunning,sports\n",
        encoding="utf-8",
    )
    result = dbt_runner(
        tmp_path / "bad.duckdb", "run", "--select", "int_interest_category_map",
        vars_={"interest_category_map_path": str(bad)},
    )  # fmt: skip
    message = " ".join(result.output.split())
    assert result.returncode != 0
    assert (
        f"Category map '{bad}' has 3 problem row(s) (data rows counted from 1"
        " after the header, blank and unreadable lines aside; an unreadable line"
        " by its line in the file): data row 1: interest 'football' has 2"
        " categories (among them 'outdoors' and 'sports'); data row 2: interest"
        " 'golf' has no category; unreadable line 7: 1 fields where the header"
        " has 2: tennis." in message
    ), message[-3000:]

    good = tmp_path / "good_map.csv"
    good.write_text(
        "subcategory,category\nFootball,sports\n,,\nfootball,Sports \ngolf,sports\n",
        encoding="utf-8",
    )
    database = tmp_path / "good.duckdb"
    result = dbt_runner(
        database, "run", "--select", "int_interest_category_map",
        vars_={"interest_category_map_path": str(good)},
    )  # fmt: skip
    assert result.returncode == 0, result.output[-3000:]
    rows = Warehouse(database).query(
        "select interest, category from main_intermediate.int_interest_category_map"
        " order by interest"
    )
    assert rows.values.tolist() == [["football", "sports"], ["golf", "sports"]]
