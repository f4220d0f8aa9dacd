"""The ad-choice check on likes the rule never saw: one row per method."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.interests.models import ad_choice_check_on_tables


def model(dbt, session):
    dbt.config(materialized="table")
    # Bounded: at most interests_evaluation_max_users users x categories; the
    # others are small (components x categories, clusters x categories).
    return ad_choice_check_on_tables(
        dbt.ref("int_interest_evaluation_likes").df(),
        dbt.ref("int_interest_pca_parameters").df(),
        dbt.ref("int_interest_cluster_centroids").df(),
        dbt.ref("int_interest_cluster_shares").df(),
        dbt.ref("int_interest_categories").df(),
        dbt.config.meta_get("params"),
    )
