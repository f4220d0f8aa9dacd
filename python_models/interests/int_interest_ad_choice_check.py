"""The ad-choice check on likes the rule never saw: one row per method."""

from audience_warehouse.interests.models import ad_choice_check, share_matrix


def model(dbt, session):
    dbt.config(materialized="table")
    # Bounded: at most interests_evaluation_max_users users x categories.
    likes = dbt.ref("int_interest_evaluation_likes").df()
    # Small: one row per component and category, cluster and component,
    # cluster and category, category.
    pca = dbt.ref("int_interest_pca_parameters").df()
    centroids = dbt.ref("int_interest_cluster_centroids").df()
    cluster_shares = share_matrix(
        dbt.ref("int_interest_cluster_shares")
        .df()
        .rename(columns={"cluster_id": "user_id"}),
        value="mean_share",
    )
    popularity = [
        row[0]
        for row in dbt.ref("int_interest_categories")
        .order("popularity_rank")
        .project("category")
        .fetchall()
    ]
    return ad_choice_check(
        likes, pca, centroids, cluster_shares, popularity,
        dbt.config.meta_get("params"),
    )  # fmt: skip
