"""Interests domain model steps, called by the dbt Python models.

Features: a user's share of liked posts per category (likes in the category
/ the user's mapped likes), standardised with a scaler fitted on the seeded
sample. Shares, not counts: like counts are heavily skewed (a few users like
thousands of posts), and on counts or even log counts the first component is
"how much does this user like" and the heaviest users form a cluster of their
own. Shares describe taste whatever the volume, are bounded in 0..1, so a
user with extreme counts cannot pull a centroid away; users with fewer than
``min_likes_to_fit`` likes (noisy shares) are assigned but not fitted on.
No log transform is needed on bounded shares.

PCA (fitted on the sample) is stored as rows, one per component and
category: the loading, the scaler, the explained variance; SQL projects
every user. KMeans runs on the kept components (unscaled: PCA coordinates
are already in standardised units and the first components rightly weigh
more) with k by silhouette; centroids as rows, one per cluster and
component. Every function here is pure; the reference versions of the SQL
steps (projection, assignment, ad choice) are here for the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

from audience_warehouse.core.kmeans import fit_kmeans_with_stability, select_k
from audience_warehouse.core.params import ModelParams
from audience_warehouse.core.scaling import fit_scaler
from audience_warehouse.core.threads import one_thread

KEY = "user_id"
COMPONENT_PREFIX = "pc_"
METHODS = (
    "ad_rule", "own_top_category", "cluster_top_category", "most_popular_category",
)  # fmt: skip
# Simplest first: on a tie of validation hit rates the simpler method is
# served (it does as well with less).
SIMPLICITY = {
    "most_popular_category": 1,
    "own_top_category": 2,
    "cluster_top_category": 3,
    "ad_rule": 4,
}
REASONS = {
    "both": "own_and_cluster_top_category",
    "own": "own_top_category",
    "cluster": "cluster_top_category",
    "blend": "blend_of_own_and_cluster",
    "none": "no_likes_most_popular",
    "few": "too_few_likes",
}


def share_matrix(
    long: pd.DataFrame, value: str = "like_share", column: str = "category"
) -> pd.DataFrame:
    """Users x ``column`` of ``value`` (missing = 0), users and columns
    sorted."""
    if long.empty:
        raise ValueError("no rows to fit on: no user has enough likes?")
    wide = long.astype({value: float}).pivot_table(
        index=KEY, columns=column, values=value, aggfunc="sum", fill_value=0.0
    )
    return wide.sort_index().sort_index(axis=1).astype(float)


def fit_pca_parameters(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """PCA of the sample's category shares (long rows: user_id, category,
    like_share) as rows, one per component and category: ``loading``,
    ``feature_mean``, ``feature_scale``, the component's explained variance
    (absolute, ratio, cumulative) and ``is_kept``: the fewest components
    explaining ``variance_target`` of the variance (at least two when there
    are two; ``components`` forces a number). A component's sign is set so
    that its largest loading is positive (the same data gives the same
    signs)."""
    p = ModelParams(params, "int_interest_pca_parameters")
    shares = share_matrix(sample)
    means, scales = fit_scaler(shares)
    scaled = (shares.to_numpy() - means) / scales
    n_components = min(scaled.shape)
    one_thread()  # see core.threads
    pca = PCA(n_components=n_components, svd_solver="full").fit(scaled)
    loadings = pca.components_.copy()
    for index, row in enumerate(loadings):
        if row[np.argmax(np.abs(row))] < 0:
            loadings[index] = -row
    # No variance at all (every user has the same shares): the ratios are
    # 0/0; report 0 and keep the first components (all users coincide).
    ratio = np.nan_to_num(pca.explained_variance_ratio_, nan=0.0)
    cumulative = np.cumsum(ratio)
    target = p.float("variance_target") if ratio.sum() > 0 else 0.0
    kept = _kept_components(cumulative, target, p.optional_int("components"))
    rows = [
        {
            "component": component + 1,
            "category": category,
            "loading": float(loadings[component, index]),
            "feature_mean": float(means[index]),
            "feature_scale": float(scales[index]),
            "explained_variance": float(pca.explained_variance_[component]),
            "explained_variance_ratio": float(ratio[component]),
            "cumulative_variance_ratio": float(cumulative[component]),
            "is_kept": component < kept,
            "fit_user_count": len(shares),
        }
        for component in range(n_components)
        for index, category in enumerate(shares.columns)
    ]
    return pd.DataFrame(rows)


def _kept_components(cumulative: np.ndarray, target: float, forced: int | None) -> int:
    available = len(cumulative)
    if forced is not None:
        return max(1, min(forced, available))
    reached = int(np.searchsorted(cumulative, target - 1e-12) + 1)
    return min(available, max(reached, 2))


def project(shares: pd.DataFrame, parameters: pd.DataFrame) -> pd.DataFrame:
    """Coordinates (users x ``pc_N``) on the kept components: the reference
    for the SQL projection (sum over categories of the scaled share times the
    loading)."""
    kept = parameters[parameters.is_kept]
    coordinates = {}
    for component, rows in kept.groupby("component"):
        rows = rows.set_index("category").reindex(shares.columns)
        scaled = (shares.to_numpy() - rows.feature_mean.to_numpy()) / (
            rows.feature_scale.to_numpy()
        )
        coordinates[f"{COMPONENT_PREFIX}{component}"] = scaled @ rows.loading.to_numpy()
    return pd.DataFrame(coordinates, index=shares.index)


def components_matrix(long: pd.DataFrame) -> pd.DataFrame:
    """Users x ``pc_N`` from long rows (user_id, component, coordinate)."""
    wide = share_matrix(long, value="coordinate", column="component")
    wide.columns = [f"{COMPONENT_PREFIX}{int(c)}" for c in wide.columns]
    return wide


def k_selection(
    sample_components: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Inertia and silhouette per k on the sample's kept components, the
    chosen k marked (highest silhouette; ``forced_k`` overrides)."""
    p = ModelParams(params, "int_interest_cluster_k_selection")
    return select_k(components_matrix(sample_components), p, scale=False)


def cluster_centroids(
    sample_components: pd.DataFrame, k: int, params: Mapping[str, object]
) -> pd.DataFrame:
    """KMeans centroids as rows, one per cluster and component (clusters
    numbered by size, 1 = largest), with the sample size per cluster and the
    stability across ``stability_runs`` other seeds (adjusted Rand index)."""
    p = ModelParams(params, "int_interest_cluster_centroids")
    features = components_matrix(sample_components)
    runs = p.int("stability_runs")
    wide, stability = fit_kmeans_with_stability(
        features, k, p.int("random_state"), runs=runs, n_init=p.int("n_init"),
        scale=False,
    )  # fmt: skip
    rows = [
        {
            "cluster_id": int(row.cluster_id),
            "component": int(name[len(COMPONENT_PREFIX) :]),
            "centroid": float(getattr(row, f"{name}__centroid")),
            "sample_user_count": int(row.cluster_size),
            "fit_user_count": len(features),
            "fit_inertia": stability["inertia"],
            "stability_runs": runs,
            "stability_mean_adjusted_rand_index": stability["mean_adjusted_rand_index"],
            "stability_min_adjusted_rand_index": stability["min_adjusted_rand_index"],
        }
        for row in wide.itertuples()
        for name in features.columns
    ]
    return pd.DataFrame(rows)


def assign_clusters(
    coordinates: pd.DataFrame,
    centroids: pd.DataFrame,
    mapped_likes: pd.Series | None = None,
    min_likes: int = 0,
) -> pd.Series:
    """Nearest centroid per user (ties to the smaller id): the reference for
    the SQL assignment. Users with fewer than ``min_likes`` mapped likes
    (``mapped_likes``) are not placed: their cluster is null (too few likes
    to say what their taste is)."""
    table = centroids.pivot_table(
        index="cluster_id", columns="component", values="centroid"
    ).sort_index()
    names = [f"{COMPONENT_PREFIX}{int(c)}" for c in table.columns]
    points = coordinates[names].to_numpy()
    distances = ((points[:, None, :] - table.to_numpy()[None, :, :]) ** 2).sum(axis=2)
    assigned = pd.Series(
        table.index.to_numpy()[distances.argmin(axis=1)],
        index=coordinates.index,
        dtype="Int64",
    )
    if mapped_likes is not None:
        likes = mapped_likes.reindex(coordinates.index).fillna(0).to_numpy()
        assigned[likes < min_likes] = pd.NA
    return assigned


def choose_ads(
    shares: pd.DataFrame,
    mapped_likes: pd.Series,
    clusters: pd.Series,
    cluster_shares: pd.DataFrame,
    popularity: Sequence[str],
    prior_likes: float,
    overall_shares: pd.Series | None = None,
) -> pd.DataFrame:
    """The ad category per user: the highest of w x own share + (1 - w) x
    the cluster's mean share, w = likes / (likes + ``prior_likes``), ties to
    the more popular category (``popularity``: most liked first); a user
    with no mapped likes gets the most popular category. A user placed in
    no cluster (null: too few likes) blends with ``overall_shares`` (each
    category's share of all learning likes) instead, and gets no
    confidence. With the score (the confidence, capped at 1 against
    rounding) and the reason. The reference for the SQL rule."""
    order = list(popularity)
    own = shares.reindex(columns=order, fill_value=0.0)
    cluster = cluster_shares.reindex(columns=order, fill_value=0.0)
    likes = mapped_likes.reindex(own.index).to_numpy(dtype=float)
    weight = (likes / (likes + prior_likes))[:, None]
    ids = pd.Series(clusters).reindex(own.index)
    placed = ids.notna().to_numpy()
    group = np.zeros((len(own), len(order)))
    if placed.any():
        group[placed] = cluster.reindex(ids[placed].astype(int).to_numpy()).to_numpy()
    overall = (
        overall_shares.reindex(order, fill_value=0.0).to_numpy(dtype=float)
        if overall_shares is not None
        else np.zeros(len(order))
    )
    group[~placed] = overall
    score = weight * own.to_numpy() + (1 - weight) * group
    chosen = score.argmax(axis=1)  # first maximum = the more popular category
    own_top = own.to_numpy().argmax(axis=1)
    cluster_top = group.argmax(axis=1)
    reason = np.select(
        [
            likes == 0,
            ~placed,
            (chosen == own_top) & (chosen == cluster_top),
            chosen == own_top,
            chosen == cluster_top,
        ],
        [
            REASONS["none"],
            REASONS["few"],
            REASONS["both"],
            REASONS["own"],
            REASONS["cluster"],
        ],
        REASONS["blend"],
    )
    chosen = np.where(likes == 0, 0, chosen)
    categories = np.array(order, dtype=object)
    return pd.DataFrame(
        {
            "ad_category": categories[chosen],
            "ad_confidence": np.where(
                (likes == 0) | ~placed,
                np.nan,
                np.minimum(score[np.arange(len(score)), chosen], 1.0),
            ),
            "ad_reason": reason,
            "own_top_category": np.where(likes == 0, None, categories[own_top]),
            "cluster_top_category": categories[cluster_top],
        },
        index=own.index,
    )


def top_category(counts: pd.DataFrame, popularity: Sequence[str]) -> pd.Series:
    """Each user's category with the most likes, ties to the more popular
    category; null for a user with none."""
    ordered = counts.reindex(columns=list(popularity), fill_value=0.0)
    values = ordered.to_numpy()
    top = np.array(list(popularity), dtype=object)[values.argmax(axis=1)]
    return pd.Series(np.where(values.sum(axis=1) > 0, top, None), index=counts.index)


def hide_likes(
    counts: pd.DataFrame, hidden_share: float, random_state: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split each user's like counts (users x categories) into visible and
    hidden: a seeded binomial ``hidden_share`` of each count is hidden."""
    rng = np.random.default_rng(random_state)
    hidden = rng.binomial(counts.to_numpy().astype(np.int64), hidden_share)
    hidden_frame = pd.DataFrame(hidden, index=counts.index, columns=counts.columns)
    return counts - hidden_frame, hidden_frame


def method_choices(
    visible: pd.DataFrame,
    pca_parameters: pd.DataFrame,
    centroids: pd.DataFrame,
    cluster_shares: pd.DataFrame,
    popularity: Sequence[str],
    overall_shares: pd.Series,
    prior_likes: float,
    min_likes: int,
) -> pd.DataFrame:
    """Each method's category per user (users x ``METHODS``), from the
    ``visible`` like counts only: the rule (:func:`choose_ads`), the user's
    own top category (the most popular when none), the cluster's top
    category and the most popular category."""
    order = list(popularity)
    visible = visible.reindex(columns=order, fill_value=0.0)
    totals = visible.sum(axis=1)
    shares = visible.div(totals.where(totals > 0, 1.0), axis=0)
    clusters = assign_clusters(
        project(shares, pca_parameters), centroids, totals, min_likes
    )
    ads = choose_ads(
        shares, totals, clusters, cluster_shares, order, prior_likes, overall_shares
    )
    return pd.DataFrame(
        {
            "ad_rule": ads.ad_category,
            "own_top_category": top_category(visible, order).fillna(order[0]),
            "cluster_top_category": ads.cluster_top_category,
            "most_popular_category": order[0],
        },
        index=visible.index,
    )[list(METHODS)]


def validation_users(users: pd.Index, random_state: int) -> np.ndarray:
    """A seeded half of ``users`` (True = validation, False = test): the
    served method is chosen on the first and reported on the second."""
    rng = np.random.default_rng(random_state + 1)
    order = rng.permutation(len(users))
    flags = np.zeros(len(users), dtype=bool)
    flags[order[: len(users) // 2]] = True
    return flags


def _empty_check(users_without: int, hidden_share: float) -> pd.DataFrame:
    nulls = pd.array([None] * len(METHODS), dtype="Float64")
    return pd.DataFrame(
        {
            "method": list(METHODS),
            "is_rule": [method == "ad_rule" for method in METHODS],
            "validation_user_count": 0,
            "validation_hit_count": 0,
            "validation_hit_rate": nulls,
            "evaluated_user_count": 0,
            "hit_count": 0,
            # A nullable float: null in the warehouse (NaN would not be).
            "hit_rate": nulls,
            "users_without_hidden_likes": users_without,
            "hidden_share": hidden_share,
            "is_served": [method == "most_popular_category" for method in METHODS],
            "served_reason": [
                "nobody to evaluate: the simplest method is served"
                if method == "most_popular_category"
                else None
                for method in METHODS
            ],
        }
    )


def ad_choice_check(
    evaluation_likes: pd.DataFrame,
    pca_parameters: pd.DataFrame,
    centroids: pd.DataFrame,
    cluster_shares: pd.DataFrame,
    popularity: Sequence[str],
    params: Mapping[str, object],
    overall_shares: pd.Series | None = None,
) -> pd.DataFrame:
    """Which ad method to serve, chosen on likes no method saw. For users
    kept out of every fit (``evaluation_likes``: long rows user_id,
    category, like_count), a seeded ``hidden_share`` of each user's likes
    is hidden (:func:`hide_likes`); every method chooses from the visible
    rest (:func:`method_choices`) and scores a hit when its choice is the
    top category of the hidden likes. The evaluated users are split in a
    seeded half (:func:`validation_users`): the method with the best hit
    rate on the validation half is served (ties to the simpler method),
    and every method's hit rate is reported on the other half (the test
    part, never used to choose). Users with no hidden likes are not
    evaluated (counted). One row per method."""
    p = ModelParams(params, "int_interest_ad_choice_check")
    order = list(popularity)
    if evaluation_likes.empty or not order:
        # Nobody to evaluate (too few users, no evaluation share): say so.
        return _empty_check(evaluation_likes[KEY].nunique(), p.float("hidden_share"))
    counts = share_matrix(evaluation_likes, value="like_count").reindex(
        columns=order, fill_value=0.0
    )
    visible, hidden = hide_likes(counts, p.float("hidden_share"), p.int("random_state"))
    if overall_shares is None:
        overall_shares = pd.Series(0.0, index=order)
    choices = method_choices(
        visible, pca_parameters, centroids, cluster_shares, order,
        overall_shares, p.float("prior_likes"), p.int("min_likes"),
    )  # fmt: skip
    truth = top_category(hidden, order)
    evaluated = truth.notna().to_numpy()
    hits = choices.eq(truth, axis=0)[evaluated]
    is_validation = validation_users(hits.index, p.int("random_state"))
    validation, test = hits[is_validation], hits[~is_validation]
    rates = validation.mean() if len(validation) else pd.Series(0.0, index=METHODS)
    served = min(METHODS, key=lambda method: (-rates[method], SIMPLICITY[method]))
    rule = rates["ad_rule"]
    if served == "ad_rule":
        reason = f"the rule won on validation ({rule:.1%})"
    elif rates[served] == rule:
        reason = (
            f"{served} does as well as the rule on validation ({rule:.1%}) "
            "and is simpler: the rule is not served"
        )
    else:
        reason = (
            f"{served} won on validation ({rates[served]:.1%}, "
            f"the rule {rule:.1%}): the rule is not served"
        )
    rows = []
    for method in METHODS:
        rows.append(
            {
                "method": method,
                "is_rule": method == "ad_rule",
                "validation_user_count": len(validation),
                "validation_hit_count": int(validation[method].sum()),
                "validation_hit_rate": float(rates[method])
                if len(validation)
                else None,
                "evaluated_user_count": len(test),
                "hit_count": int(test[method].sum()),
                "hit_rate": float(test[method].mean()) if len(test) else None,
                "users_without_hidden_likes": int((~evaluated).sum()),
                "hidden_share": p.float("hidden_share"),
                "is_served": method == served,
                "served_reason": reason if method == served else None,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ["validation_hit_rate", "hit_rate"]:
        frame[column] = frame[column].astype("Float64")
    return frame


def overall_category_shares(categories: pd.DataFrame) -> pd.Series:
    """Each category's share of all learning likes (``categories``:
    category, like_count): what a user placed in no cluster blends with."""
    counts = categories.set_index("category").like_count.astype(float)
    total = counts.sum()
    return counts / total if total > 0 else counts * 0.0


def ad_choice_check_on_tables(
    evaluation_likes: pd.DataFrame,
    pca_parameters: pd.DataFrame,
    centroids: pd.DataFrame,
    cluster_shares: pd.DataFrame,
    categories: pd.DataFrame,
    params: Mapping[str, object],
) -> pd.DataFrame:
    """:func:`ad_choice_check` on the warehouse's tables as they are: the
    cluster shares as long rows (cluster_id, category, mean_share) and the
    categories with their popularity_rank and like_count."""
    shares = (
        share_matrix(
            cluster_shares.rename(columns={"cluster_id": KEY}), value="mean_share"
        )
        if len(cluster_shares)
        else pd.DataFrame()
    )
    popularity = categories.sort_values("popularity_rank").category.tolist()
    return ad_choice_check(
        evaluation_likes, pca_parameters, centroids, shares, popularity, params,
        overall_category_shares(categories),
    )  # fmt: skip
