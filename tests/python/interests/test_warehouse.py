"""The interests domain built from the bundled sample: rows reconcile with
the planted reasons, SQL projection, assignment and ad choice equal the
package's reference functions, the marts equal pandas calculations, and the
check never fits on the users it evaluates."""

from __future__ import annotations

import pandas as pd
import pytest

from audience_warehouse.interests.models import (
    SIMPLICITY,
    ad_choice_check_on_tables,
    assign_clusters,
    choose_ads,
    overall_category_shares,
    project,
    share_matrix,
    top_category,
)

from ..conftest import ROOT, csv_row_count, project_var

pytestmark = pytest.mark.dbt
SEEDS = ROOT / "seeds" / "sample"
INTERMEDIATE = "main_intermediate"


def table(warehouse, name: str) -> pd.DataFrame:
    schema = "main" if name.startswith(("fct_", "dim_")) else INTERMEDIATE
    return warehouse.query(f"select * from {schema}.{name}")


def test_every_raw_row_is_clean_or_rejected_with_the_planted_reasons(sample_warehouse):
    users = table(sample_warehouse, "int_interest_users_validated")
    likes = table(sample_warehouse, "int_interest_likes_validated")
    assert len(users) == csv_row_count(SEEDS / "sample_interest_users.csv")
    assert len(likes) == csv_row_count(SEEDS / "sample_interest_likes.csv")
    assert set(users.reject_reason.dropna()) == {
        "null_user_id", "exact_duplicate", "conflicting_user_id",
    }  # fmt: skip
    assert set(likes.reject_reason.dropna()) == {
        "exact_duplicate", "unknown_user", "invalid_like_count", "null_user_id",
    }  # fmt: skip
    # Bad ages keep the user, age unknown.
    clean = users[users.reject_reason.isna()]
    assert set(clean.age_status) == {"valid", "missing", "impossible"}
    assert clean[clean.age_status != "valid"].age.isna().all()
    assert set(clean[clean.age_text.isin(["3", "107"])].age_status) == {"impossible"}
    # The sample's planted shapes (generator): an age with a fraction is the
    # whole years; a gender or id written as a missing-value token is missing.
    fractional = clean[clean.age_text.str.contains(".", regex=False, na=False)]
    assert len(fractional) >= 1 and (fractional.age_status == "valid").all()
    assert (fractional.age == fractional.age_text.astype(float) // 1).all()
    raw = pd.read_csv(
        SEEDS / "sample_interest_users.csv", dtype=str, keep_default_na=False
    )
    tokens = {token.upper() for token in project_var("missing_value_tokens")} - {""}

    def is_token(values: pd.Series) -> pd.Series:
        return values.str.strip().str.upper().isin(tokens)

    token_gender = raw.user_id[is_token(raw.gender)]
    assert len(token_gender) >= 1
    genders = clean.set_index("user_id").gender
    assert (genders[token_gender] == "unknown").all()
    token_ids = raw.index[is_token(raw.user_id)] + 1  # row numbers
    assert len(token_ids) >= 1
    by_row = users.set_index("source_row_number")
    assert (by_row.loc[token_ids].reject_reason == "null_user_id").all()
    unmapped = table(sample_warehouse, "fct_interest_unmapped_interests")
    assert unmapped.interest.tolist() == ["knitting"]
    assert (
        unmapped.like_count.iloc[0]
        == likes[
            (likes.interest == "knitting") & likes.reject_reason.isna()
        ].like_count.sum()
    )


def test_top_categories_and_favourites_equal_a_pandas_calculation(sample_warehouse):
    likes = table(sample_warehouse, "int_interest_likes_cleaned").dropna(
        subset=["category"]
    )
    users = table(sample_warehouse, "dim_interest_users").set_index("user_id")
    popularity = (
        table(sample_warehouse, "int_interest_categories")
        .sort_values("popularity_rank")
        .category.tolist()
    )
    counts = share_matrix(likes, value="like_count")
    expected = top_category(counts, popularity)
    pd.testing.assert_series_equal(
        users.top_category.reindex(expected.index),
        expected,
        check_names=False,
        check_dtype=False,
    )
    favourites = table(sample_warehouse, "fct_interest_category_by_age_group")
    favourites = favourites[favourites.is_favourite].set_index("age_group").category
    for group, rows in users.dropna(subset=["top_category"]).groupby("age_group"):
        tally = rows.top_category.value_counts()
        best = [c for c in popularity if tally.get(c, 0) == tally.max()][0]
        assert favourites[group] == best, group
    distributions = table(sample_warehouse, "fct_interest_distributions")
    per_measure = distributions.groupby("measure").user_count.sum()
    assert per_measure["liked_posts"] == len(users)
    assert per_measure["age"] == users.age.notna().sum()


def test_sql_projection_assignment_and_ad_choice_equal_the_package(sample_warehouse):
    shares = share_matrix(table(sample_warehouse, "int_interest_user_category_likes"))
    pca = table(sample_warehouse, "int_interest_pca_parameters")
    centroids = table(sample_warehouse, "int_interest_cluster_centroids")
    expected = project(shares, pca)
    components = table(sample_warehouse, "int_interest_user_components")
    sql = share_matrix(components, value="coordinate", column="component")
    assert sql.to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-9)
    users = table(sample_warehouse, "dim_interest_users").set_index("user_id")
    clusters = assign_clusters(expected, centroids, users.mapped_likes, 5)
    assert clusters.isna().sum() == (users.cluster_status != "placed").sum() > 1
    assert users.cluster_id.reindex(clusters.index).astype("Int64").equals(clusters)
    cluster_shares = share_matrix(
        table(sample_warehouse, "int_interest_cluster_shares").rename(
            columns={"cluster_id": "user_id"}
        ),
        value="mean_share",
    )
    categories = table(sample_warehouse, "int_interest_categories")
    popularity = categories.sort_values("popularity_rank").category.tolist()
    ads = choose_ads(
        shares, users.mapped_likes, clusters, cluster_shares, popularity, 10,
        overall_category_shares(categories),
    )  # fmt: skip
    rule = table(sample_warehouse, "int_interest_ad_choices").set_index("user_id")
    for column in ["ad_category", "ad_reason"]:
        assert (rule[column].reindex(ads.index) == ads[column]).all(), column
    assert rule.ad_confidence.reindex(ads.index).to_numpy() == pytest.approx(
        ads.ad_confidence.to_numpy(), nan_ok=True
    )


def test_the_check_never_fits_on_the_users_it_evaluates(sample_warehouse):
    profiles = table(sample_warehouse, "int_interest_user_profiles")
    evaluation = set(profiles[profiles.is_evaluation_user].user_id)
    assert len(evaluation) == int(len(profiles) * 0.2)
    sample = set(table(sample_warehouse, "int_interest_model_sample").user_id)
    assert sample and not sample & evaluation
    checked = set(table(sample_warehouse, "int_interest_evaluation_likes").user_id)
    assert checked <= evaluation
    check = table(sample_warehouse, "fct_interest_ad_choice_check").set_index("method")
    first = check.iloc[0]
    assert first.validation_user_count + first.evaluated_user_count + (
        first.users_without_hidden_likes
    ) == len(checked)
    # dim_interest_users serves the method that won on validation.
    users = table(sample_warehouse, "dim_interest_users")
    served = check.index[check.is_served].tolist()
    assert set(users.ad_method) == set(served)
    rates = check.validation_hit_rate.astype(float)
    best = [method for method in SIMPLICITY if rates[method] == rates.max()]
    assert served == best[:1]  # ties to the simpler method
    # Users who liked nothing (the generator plants three) get the most
    # popular category whichever method is served.
    idle = users[users.cluster_status == "no likes"]
    popular = table(sample_warehouse, "int_interest_categories")
    top = popular.loc[popular.popularity_rank == 1, "category"].item()
    assert len(idle) == 3 and (idle.ad_category == top).all()
    # The mart is the package's check on the warehouse's inputs.
    again = ad_choice_check_on_tables(
        table(sample_warehouse, "int_interest_evaluation_likes"),
        table(sample_warehouse, "int_interest_pca_parameters"),
        table(sample_warehouse, "int_interest_cluster_centroids"),
        table(sample_warehouse, "int_interest_cluster_shares"),
        table(sample_warehouse, "int_interest_categories"),
        {"hidden_share": 0.3, "prior_likes": 10, "random_state": 42, "min_likes": 5},
    ).set_index("method")
    assert again.hit_count.to_dict() == check.hit_count.to_dict()
    assert (
        check.loc["ad_rule", "hit_rate"]
        > check.loc["most_popular_category", "hit_rate"]
    )


def test_clusters_have_names_profiles_and_stable_fits(sample_warehouse):
    clusters = table(sample_warehouse, "dim_interest_clusters")
    assert len(clusters) == 5  # the generator plants five tastes
    assert clusters.cluster_name.is_unique
    users = table(sample_warehouse, "dim_interest_users")
    # Every placed user, and only those (not users with too few likes).
    assert clusters.user_count.sum() == (users.cluster_status == "placed").sum()
    assert set(clusters.fit_status) == {"fitted"}
    assert clusters.stability_mean_adjusted_rand_index.min() > 0.9
    named = clusters.set_index("cluster_id")
    for row in named.itertuples():
        if row.cluster_name.endswith(" fans"):
            assert row.top_category_share >= 0.5
            assert row.cluster_name.startswith(row.top_category)
    profiles = table(sample_warehouse, "fct_interest_cluster_profiles")
    assert profiles.groupby("cluster_id").mean_like_share.sum().to_numpy() == (
        pytest.approx(1.0, abs=0.01)
    )
