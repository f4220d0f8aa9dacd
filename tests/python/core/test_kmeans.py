"""KMeans: k choice, parameters, stability."""

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.core.kmeans import (
    SELECTION_RULE_FORCED,
    SELECTION_RULE_SILHOUETTE,
    choose_k,
    fit_kmeans_parameters,
    fit_kmeans_with_stability,
    kmeans_stability,
    score_k_range,
)


def three_blobs(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    sizes = [60, 30, 20]
    points = np.vstack(
        [rng.normal(c, 0.5, size=(n, 2)) for c, n in zip(centres, sizes, strict=True)]
    )
    return pd.DataFrame(points, columns=["x", "y"])


def test_silhouette_rule_finds_the_three_blobs():
    scores = score_k_range(three_blobs(), range(2, 7), random_state=1)
    assert list(scores["k"]) == [2, 3, 4, 5, 6]
    assert scores["inertia"].is_monotonic_decreasing
    chosen = choose_k(scores, forced_k=None)
    assert chosen.loc[chosen["is_chosen"], "k"].tolist() == [3]
    assert set(chosen["selection_rule"]) == {SELECTION_RULE_SILHOUETTE}


def test_forced_k_overrides_and_may_lie_outside_the_range():
    scores = score_k_range(three_blobs(), range(2, 5), random_state=1)
    forced = choose_k(scores, forced_k=7)
    assert forced.loc[forced["is_chosen"], "k"].tolist() == [7]
    assert forced.loc[forced["k"] == 7, "silhouette"].isna().all()
    assert set(forced["selection_rule"]) == {SELECTION_RULE_FORCED}


def test_identical_rows_are_a_clear_error():
    same = pd.DataFrame({"x": [1.0] * 50, "y": [2.0] * 50})
    with pytest.raises(ValueError, match="too little variety"):
        score_k_range(same, range(2, 5), random_state=0)


def test_k_values_the_data_cannot_support_are_skipped():
    tiny = three_blobs().head(4)
    assert score_k_range(tiny, [2, 3, 4, 9], random_state=0)["k"].tolist() == [2, 3]
    with pytest.raises(ValueError):
        score_k_range(tiny, [5, 6], random_state=0)


def test_parameters_are_ordered_by_size_and_reproducible():
    frame = three_blobs()
    first = fit_kmeans_parameters(frame, k=3, random_state=4)
    second = fit_kmeans_parameters(frame, k=3, random_state=4)
    pd.testing.assert_frame_equal(first, second)
    assert first["cluster_id"].tolist() == [1, 2, 3]
    assert first["cluster_size"].tolist() == [60, 30, 20]
    assert {"x__mean", "x__scale", "x__centroid", "y__centroid"} <= set(first.columns)


def test_stability_is_one_for_clear_clusters_and_reproducible():
    frame = three_blobs()
    first = kmeans_stability(frame, k=3, random_state=5, runs=3)
    assert first["mean_adjusted_rand_index"] == pytest.approx(1.0)
    assert first == kmeans_stability(frame, k=3, random_state=5, runs=3)
    noise = pd.DataFrame(
        np.random.default_rng(0).normal(size=(200, 2)), columns=["x", "y"]
    )
    shaky = kmeans_stability(noise, k=6, random_state=5, runs=3, n_init=1)
    assert shaky["min_adjusted_rand_index"] < 1.0


def test_fit_with_stability_equals_the_two_functions():
    frame = three_blobs(seed=3)
    parameters, stability = fit_kmeans_with_stability(
        frame, k=3, random_state=7, runs=2, n_init=5
    )
    pd.testing.assert_frame_equal(
        parameters, fit_kmeans_parameters(frame, k=3, random_state=7, n_init=5)
    )
    assert stability == kmeans_stability(frame, k=3, random_state=7, runs=2, n_init=5)
    with pytest.raises(ValueError):
        fit_kmeans_with_stability(frame, k=3, random_state=7, runs=0)


def _params(k_min: int, k_max: int, forced_k=None, **limits):
    from audience_warehouse.core.params import ModelParams

    return ModelParams(
        {
            "k_min": k_min,
            "k_max": k_max,
            "forced_k": forced_k,
            "random_state": 1,
            "min_cluster_size": 1,
            "min_distinct_points": 3,
            "min_silhouette": 0.25,
            "flat_silhouette_spread": 0.05,
            **limits,
        },
        "test",
    )


def test_select_k_flags_a_choice_at_the_edge_of_the_range():
    from audience_warehouse.core.kmeans import select_k

    top = select_k(three_blobs(), _params(2, 3))
    assert top.loc[top.is_chosen, "k"].tolist() == [3]
    note = top.loc[top.is_chosen, "note"].iloc[0]
    assert note == "chosen at the top of the range tried (2-3)"
    assert "larger k" not in note  # an edge is reported, not an invitation
    inside = select_k(three_blobs(), _params(2, 6))
    assert inside.loc[inside.is_chosen, "note"].isna().all()


def test_select_k_lists_what_a_tiny_sample_cannot_support():
    from audience_warehouse.core.kmeans import SELECTION_RULE_ONE_CLUSTER, select_k

    three_users = three_blobs().iloc[[0, 70, 100]]
    scores = select_k(three_users, _params(2, 6))
    assert scores.k.tolist() == [2, 3, 4, 5, 6]
    assert scores.loc[scores.is_chosen, "k"].tolist() == [2]
    skipped = scores[scores.k > 2]
    assert skipped.silhouette.isna().all()
    assert skipped.note.str.startswith("not tried: the sample has 3 distinct").all()
    two_users = three_blobs().iloc[[0, 70, 0]]
    one = select_k(two_users, _params(2, 6))
    assert one.loc[one.is_chosen, "k"].tolist() == [1]
    assert set(one.selection_rule) == {SELECTION_RULE_ONE_CLUSTER}
    assert one.loc[one.is_chosen, "note"].str.startswith("one cluster").all()
    parameters = fit_kmeans_parameters(two_users, k=1, random_state=0)
    assert len(parameters) == 1


def test_select_k_replaces_a_forced_k_the_sample_cannot_support():
    from audience_warehouse.core.kmeans import select_k

    four_users = three_blobs().iloc[[0, 70, 100, 1]]
    scores = select_k(four_users, _params(2, 6, forced_k=5))
    chosen = scores[scores.is_chosen].iloc[0]
    assert chosen.k == 3
    assert chosen.note.startswith("forced k = 5 is more than the sample supports")
    assert len(fit_kmeans_parameters(four_users, k=int(chosen.k), random_state=0)) == 3


def test_ties_do_not_inflate_the_silhouette_or_the_choice():
    # 90 % of the rows at one point (a one-day log: most users identical),
    # the rest noise around it. Over rows, the tied points score 1 against
    # each other: the mean silhouette is 0.89-0.91 and rises with k (k = 6,
    # the top of the range, would win). Over distinct points it is under
    # 0.3 and k = 6 does not win.
    from audience_warehouse.core.kmeans import select_k

    rng = np.random.default_rng(2)
    noise, tied = rng.normal(size=(100, 3)), np.zeros((900, 3))
    frame = pd.DataFrame(np.vstack([tied, noise]), columns=["x", "y", "z"])
    scores = select_k(frame, _params(2, 6))
    assert scores.fit_row_count.iloc[0] == 1000
    assert scores.distinct_point_count.iloc[0] == 101
    assert scores.top_point_share.iloc[0] == pytest.approx(0.9)
    assert scores.silhouette.max() < 0.3
    assert scores.loc[scores.is_chosen, "k"].tolist() == [2]


def test_a_k_that_leaves_a_tiny_cluster_is_not_chosen():
    # Three blobs and two far outliers: k = 4 puts the outliers in a
    # cluster of their own (best silhouette); with a minimum of 5 rows per
    # cluster the choice falls back to k = 3, and k = 4 says why.
    from audience_warehouse.core.kmeans import STATUS_FITTED, select_k

    outliers = pd.DataFrame({"x": [15.0, 15.2], "y": [15.0, 15.1]})
    frame = pd.concat([three_blobs(), outliers], ignore_index=True)
    unguarded = select_k(frame, _params(2, 6))
    assert unguarded.loc[unguarded.is_chosen, "k"].tolist() == [4]
    guarded = select_k(frame, _params(2, 6, min_cluster_size=5))
    assert guarded.loc[guarded.is_chosen, "k"].tolist() == [3]
    assert guarded.set_index("k").note[4].startswith("not chosen: leaves a cluster")
    assert set(guarded.fit_status) == {STATUS_FITTED}
    tiny = select_k(frame, _params(2, 6, min_cluster_size=200))
    assert tiny.loc[tiny.is_chosen, "k"].tolist() == [1]
    assert tiny.fit_note.iloc[0] == "every k tried leaves a cluster under 200 rows"


def test_no_clear_clusters_when_silhouettes_are_flat_or_low():
    from audience_warehouse.core.kmeans import (
        STATUS_FITTED,
        STATUS_NO_CLEAR_CLUSTERS,
        select_k,
    )

    assert set(select_k(three_blobs(), _params(2, 6)).fit_status) == {STATUS_FITTED}
    noise = pd.DataFrame(
        np.random.default_rng(0).normal(size=(400, 3)), columns=["x", "y", "z"]
    )
    flat = select_k(noise, _params(2, 8))
    assert set(flat.fit_status) == {STATUS_NO_CLEAR_CLUSTERS}
    assert flat.fit_note.iloc[0].startswith(("silhouettes", "best silhouette"))
    # The same data under a laxer rule: fitted, so the rule is what decides.
    lax = select_k(noise, _params(2, 8, min_silhouette=0, flat_silhouette_spread=0))
    assert set(lax.fit_status) == {STATUS_FITTED}


def test_too_few_distinct_points_is_one_cluster():
    from audience_warehouse.core.kmeans import STATUS_ONE_CLUSTER, select_k

    frame = three_blobs().head(12)
    one = select_k(frame, _params(2, 6, min_distinct_points=20))
    assert one.loc[one.is_chosen, "k"].tolist() == [1]
    assert set(one.fit_status) == {STATUS_ONE_CLUSTER}
    assert one.fit_note.iloc[0].startswith("12 distinct points (minimum 20)")
