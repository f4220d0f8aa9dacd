"""The interests model steps: PCA rows, projection, KMeans on components,
the ad rule and its check, and users with extreme counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA

from audience_warehouse.interests.generator import category_map, generate_interests
from audience_warehouse.interests.models import (
    REASONS,
    SIMPLICITY,
    ad_choice_check,
    assign_clusters,
    choose_ads,
    cluster_centroids,
    components_matrix,
    fit_pca_parameters,
    k_selection,
    project,
    share_matrix,
    top_category,
)

from ..conftest import cluster_limits

PCA_PARAMS = {"variance_target": 0.8, "components": None}
K_PARAMS = {
    "k_min": 2,
    "k_max": 7,
    "forced_k": None,
    "random_state": 42,
    **cluster_limits(),
}
CHECK_PARAMS = {
    "hidden_share": 0.3, "prior_likes": 10, "random_state": 42, "min_likes": 5,
}  # fmt: skip
FIT_PARAMS = {"n_init": 4, "stability_runs": 2, "random_state": 42}


def category_counts(n_users: int, seed: int) -> pd.DataFrame:
    data = generate_interests(n_users, random_state=seed)
    likes = data.likes.merge(category_map(), on="subcategory")
    return (
        likes.groupby(["user_id", "category"], as_index=False)
        .like_count.sum()
        .astype({"like_count": float})
    )


def shares_long(counts: pd.DataFrame) -> pd.DataFrame:
    totals = counts.groupby("user_id").like_count.transform("sum")
    return counts.assign(like_share=counts.like_count / totals)


def coordinate_rows(coordinates: pd.DataFrame) -> pd.DataFrame:
    """Users x ``pc_N`` as the long rows SQL stores (user_id, component,
    coordinate): the inverse of ``components_matrix``."""
    long = coordinates.reset_index().melt(
        id_vars="user_id", var_name="component", value_name="coordinate"
    )
    return long.assign(component=long.component.str.removeprefix("pc_").astype(int))


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    return category_counts(3000, seed=11)


@pytest.fixture(scope="module")
def fitted(counts):
    sample = shares_long(counts)
    pca = fit_pca_parameters(sample, PCA_PARAMS)
    shares = share_matrix(sample)
    coordinates = project(shares, pca)
    long = coordinate_rows(coordinates)
    return sample, pca, shares, coordinates, long


def test_pca_rows_reproduce_scikit_learn_and_keep_the_variance_target(fitted):
    sample, pca, shares, coordinates, _ = fitted
    components = pca.drop_duplicates("component").sort_values("component")
    assert components.explained_variance_ratio.sum() == pytest.approx(1.0)
    kept = components[components.is_kept]
    assert kept.cumulative_variance_ratio.iloc[-1] >= 0.8
    assert len(kept) == 1 or kept.cumulative_variance_ratio.iloc[-2] < 0.8
    scaled = (shares - shares.mean()) / shares.std(ddof=0)
    reference = PCA(svd_solver="full").fit_transform(scaled.to_numpy())
    for index, name in enumerate(coordinates.columns):
        # Same axis up to the sign (ours: largest loading positive).
        correlation = np.corrcoef(coordinates[name], reference[:, index])[0, 1]
        assert abs(correlation) == pytest.approx(1.0, abs=1e-9)
    for _, rows in pca.groupby("component"):
        assert rows.loading.iloc[rows.loading.abs().argmax()] > 0
    forced = fit_pca_parameters(sample, {**PCA_PARAMS, "components": 1})
    assert forced.drop_duplicates("component").is_kept.sum() == 1


def test_kmeans_finds_the_five_planted_tastes_and_assigns_like_sql_would(fitted):
    *_, coordinates, long = fitted
    selection = k_selection(long, K_PARAMS)
    assert int(selection[selection.is_chosen].k.iloc[0]) == 5
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    assert set(centroids.cluster_id) == {1, 2, 3, 4, 5}
    assert centroids.stability_mean_adjusted_rand_index.iloc[0] > 0.95
    assigned = assign_clusters(coordinates, centroids)
    sizes = assigned.value_counts()
    assert sizes.index[0] == 1  # numbered by size: 1 = largest
    assert components_matrix(long).shape == coordinates.shape


def test_users_with_extreme_counts_do_not_get_a_cluster_of_their_own(counts):
    """30 users with 200 times the likes (taste unchanged) spread over the
    taste clusters; clustered on counts instead of shares they would
    dominate one."""
    heavy_ids = counts.user_id.drop_duplicates().sample(30, random_state=1)
    heavy = counts.user_id.isin(heavy_ids)
    extreme = counts.assign(
        like_count=np.where(heavy, counts.like_count * 200, counts.like_count)
    )
    sample = shares_long(extreme)
    pca = fit_pca_parameters(sample, PCA_PARAMS)
    coordinates = project(share_matrix(sample), pca)
    long = coordinate_rows(coordinates)
    selection = k_selection(long, K_PARAMS)
    k = int(selection[selection.is_chosen].k.iloc[0])
    assigned = assign_clusters(coordinates, cluster_centroids(long, k, FIT_PARAMS))
    assert k == 5
    assert heavy_member_share(assigned, heavy_ids).max() < 0.1  # none is theirs
    # Clustered on counts instead, the heavy users take clusters of their own.
    raw = share_matrix(extreme, value="like_count")
    labels = KMeans(5, n_init=4, random_state=0).fit_predict(
        ((raw - raw.mean()) / raw.std(ddof=0)).to_numpy()
    )
    on_counts = pd.Series(labels, index=raw.index)
    assert heavy_member_share(on_counts, heavy_ids).max() > 0.5


def heavy_member_share(labels: pd.Series, heavy_ids) -> pd.Series:
    """Per cluster, the share of its members that are heavy users."""
    return (
        pd.Series(labels.index.isin(heavy_ids), index=labels.index)
        .groupby(labels.to_numpy())
        .mean()
    )


def test_the_ad_rule_weighs_own_likes_against_the_cluster():
    shares = pd.DataFrame(
        {"food": [1.0, 1.0, 0.0, 0.5], "pets": [0.0, 0.0, 0.0, 0.5]},
        index=pd.Index([1, 2, 3, 4], name="user_id"),
    )
    likes = pd.Series([1, 100, 0, 10], index=shares.index)
    clusters = pd.Series([1, 1, 1, 2], index=shares.index)
    cluster_shares = pd.DataFrame(
        {"food": [0.1, 0.5], "pets": [0.9, 0.5]}, index=[1, 2]
    )
    ads = choose_ads(shares, likes, clusters, cluster_shares, ["pets", "food"], 10)
    # One like of food weighs 1/11 against a pets cluster: pets.
    assert ads.loc[1, "ad_category"] == "pets"
    assert ads.loc[1, "ad_reason"] == REASONS["cluster"]
    assert ads.loc[1, "ad_confidence"] == pytest.approx(10 / 11 * 0.9 + 1 / 11 * 0.0)
    # A hundred likes of food: food, the user's own.
    assert ads.loc[2, "ad_category"] == "food"
    assert ads.loc[2, "ad_reason"] == REASONS["own"]
    # No likes: the most popular category, no confidence.
    assert ads.loc[3, "ad_category"] == "pets"
    assert ads.loc[3, "ad_reason"] == REASONS["none"]
    assert np.isnan(ads.loc[3, "ad_confidence"])
    # A tie everywhere goes to the more popular category.
    assert ads.loc[4, "ad_category"] == "pets"
    assert ads.loc[4, "ad_reason"] == REASONS["both"]


def test_top_category_breaks_ties_by_popularity_and_is_null_without_likes():
    counts = pd.DataFrame({"a": [2, 0, 3], "b": [2, 0, 1]}, index=[1, 2, 3])
    top = top_category(counts, ["b", "a"])
    assert top[1] == "b" and pd.isna(top[2]) and top[3] == "a"


def test_the_check_hides_likes_and_compares_with_baselines(fitted, counts):
    _, pca, shares, coordinates, long = fitted
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    clusters = assign_clusters(coordinates, centroids)
    cluster_shares = shares.groupby(clusters).mean()
    popularity = counts.groupby("category").like_count.sum().sort_values().index[::-1]
    evaluation = category_counts(600, seed=12)
    params = CHECK_PARAMS
    result = ad_choice_check(
        evaluation, pca, centroids, cluster_shares, list(popularity), params
    ).set_index("method")
    assert set(result.index) == {
        "ad_rule", "own_top_category", "cluster_top_category", "most_popular_category",
    }  # fmt: skip
    assert result.evaluated_user_count.nunique() == 1
    # The evaluated users are split in two halves: validation and test.
    assert (
        result.validation_user_count.iloc[0]
        + result.evaluated_user_count.iloc[0]
        + result.users_without_hidden_likes.iloc[0]
        == evaluation.user_id.nunique()
    )
    assert result.is_served.sum() == 1
    # Taste is planted: knowing the user beats the most popular category.
    assert (
        result.loc["ad_rule", "hit_rate"]
        > result.loc["most_popular_category", "hit_rate"] + 0.3
    )
    again = ad_choice_check(
        evaluation, pca, centroids, cluster_shares, list(popularity), params
    )
    pd.testing.assert_frame_equal(result.reset_index(), again)
    # Hiding everything leaves nothing visible: the rule falls back to the
    # most popular category for everyone.
    blind = ad_choice_check(
        evaluation, pca, centroids, cluster_shares, list(popularity),
        {**params, "hidden_share": 1.0},
    ).set_index("method")  # fmt: skip
    assert (
        blind.loc["ad_rule", "hit_rate"]
        == blind.loc["most_popular_category", "hit_rate"]
    )


def test_the_check_says_so_when_nobody_can_be_evaluated(fitted):
    _, pca, _, _, long = fitted
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    empty = pd.DataFrame({"user_id": [], "category": [], "like_count": []})
    result = ad_choice_check(empty, pca, centroids, pd.DataFrame(), ["a"], CHECK_PARAMS)
    assert len(result) == 4 and (result.evaluated_user_count == 0).all()
    assert result.hit_rate.isna().all()


def _long_counts(wide: pd.DataFrame) -> pd.DataFrame:
    long = wide.rename_axis(index="user_id", columns="category").stack()
    long = long[long > 0].rename("like_count").reset_index()
    return long.astype({"like_count": float})


def test_every_choice_comes_from_the_visible_likes_alone(fitted, counts, monkeypatch):
    # The same visible likes under two different hidden parts: every
    # method's choice per user must be the same (the methods never see the
    # hidden likes they are scored against). Red when a method is given all
    # likes, hidden ones included.
    import audience_warehouse.interests.models as models

    _, pca, shares, coordinates, long = fitted
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    cluster_shares = shares.groupby(assign_clusters(coordinates, centroids)).mean()
    popularity = list(counts.groupby("category").like_count.sum().sort_values().index)
    wide = share_matrix(category_counts(300, seed=5), value="like_count")
    visible = np.floor(wide * 0.6)
    rng = np.random.default_rng(9)
    other_hidden = pd.DataFrame(
        rng.poisson(3.0, size=wide.shape), index=wide.index, columns=wide.columns
    )
    monkeypatch.setattr(
        models,
        "hide_likes",
        lambda all_likes, share, seed: (visible, all_likes - visible),
    )
    recorded = []
    real = models.method_choices
    monkeypatch.setattr(
        models,
        "method_choices",
        lambda *args: recorded.append(real(*args)) or recorded[-1],
    )
    for hidden in [wide - visible, other_hidden]:
        models.ad_choice_check(
            _long_counts(visible + hidden), pca, centroids, cluster_shares,
            popularity[::-1], CHECK_PARAMS,
        )  # fmt: skip
    assert len(recorded) == 2
    pd.testing.assert_frame_equal(recorded[0], recorded[1])


def test_a_simpler_method_that_wins_on_validation_is_served(fitted, counts):
    # A prior of a million likes makes the rule the cluster's top category
    # for placed users (their own top for the others): it does no better
    # than the user's own top category (a tie here, 82.5 %), so the simpler
    # method is served and the reason says the rule is not.
    _, pca, shares, coordinates, long = fitted
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    cluster_shares = shares.groupby(assign_clusters(coordinates, centroids)).mean()
    popularity = counts.groupby("category").like_count.sum().sort_values().index[::-1]
    result = ad_choice_check(
        category_counts(600, seed=12), pca, centroids, cluster_shares,
        list(popularity), {**CHECK_PARAMS, "prior_likes": 1e6},
    ).set_index("method")  # fmt: skip
    rates = result.validation_hit_rate.astype(float)
    assert rates["ad_rule"] <= rates["own_top_category"]
    best = [method for method in SIMPLICITY if rates[method] == rates.max()]
    served = result.index[result.is_served].tolist()
    assert served == best[:1] and served != ["ad_rule"]
    assert "the rule is not served" in result.served_reason[served[0]]


def test_users_with_too_few_likes_are_placed_in_no_cluster(fitted):
    _, _, _, coordinates, long = fitted
    centroids = cluster_centroids(long, 5, FIT_PARAMS)
    likes = pd.Series(10, index=coordinates.index)
    likes.iloc[:7] = [0, 1, 2, 3, 4, 5, 6]
    placed = assign_clusters(coordinates, centroids, likes, 5)
    assert placed.iloc[:5].isna().all() and placed.iloc[5:].notna().all()
    shares = pd.DataFrame({"food": [1.0], "pets": [0.0]}, index=[1])
    ads = choose_ads(
        shares, pd.Series([2], index=[1]), pd.Series([pd.NA], index=[1]),
        pd.DataFrame({"food": [0.5], "pets": [0.5]}, index=[1]), ["pets", "food"],
        10, pd.Series({"pets": 0.9, "food": 0.1}),
    )  # fmt: skip
    # Two likes of food against every learning user's 90 % pets: pets, with
    # the reason and no confidence.
    assert ads.loc[1, "ad_category"] == "pets"
    assert ads.loc[1, "ad_reason"] == REASONS["few"]
    assert np.isnan(ads.loc[1, "ad_confidence"])
