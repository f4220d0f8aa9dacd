"""Interests on a file without structure, from our own generator
(``structure="none"``): every user's likes come from one set of shares, so
there is no taste group to find. KMeans still partitions anything; the marts
must say `no clear clusters` (var cluster_min_silhouette, or silhouettes
flat across k) and name no cluster, as the travel file of issue 26 needed
(eight clusters called "mixed interests #n" on a flat silhouette)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audience_warehouse.io.files import write_interests

from ..conftest import Warehouse, build_warehouse

pytestmark = pytest.mark.dbt

USERS, SEED = 1500, 11
UNNAMED = r"cluster \d+"


def build_interests(directory: Path, paths: dict[str, Path]) -> Warehouse:
    """The interests domain built on the users and likes files ``paths``."""
    return build_warehouse(
        directory,
        vars_={
            "interest_users_path": str(paths["users"]),
            "interest_likes_path": str(paths["likes"]),
        },
        select="tag:interests",
    )


def test_a_file_without_structure_gets_no_clear_clusters_and_no_names(tmp_path):
    paths = write_interests(tmp_path, USERS, SEED, "csv", 0.0, structure="none")
    warehouse = build_interests(tmp_path, paths)
    selection = warehouse.query("select * from main.fct_interest_k_selection")
    chosen = selection[selection.is_chosen].iloc[0]
    assert chosen.fit_status in ("no clear clusters", "one cluster"), chosen.fit_note
    assert (selection.fit_status == chosen.fit_status).all()
    # Plenty of distinct users: the status is not for want of data.
    assert chosen.distinct_point_count > 1000
    # The reason in words; a k at the edge does not invite a larger one.
    assert chosen.fit_note
    assert not selection.note.dropna().str.contains("larger k").any()
    clusters = warehouse.query("select * from main.dim_interest_clusters")
    assert len(clusters) == max(chosen.k, 1)
    assert clusters.cluster_name.str.fullmatch(UNNAMED).all(), list(
        clusters.cluster_name
    )
    assert (clusters.fit_status == chosen.fit_status).all()
    users = warehouse.query("select * from main.dim_interest_users")
    assert len(users) == USERS
    placed = users[users.cluster_status == "placed"]
    assert len(placed) > 0.8 * USERS
    assert placed.cluster_name.str.fullmatch(UNNAMED).all()
    assert users.cluster_name[users.cluster_status != "placed"].isna().all()
    profiles = warehouse.query("select * from main.fct_interest_cluster_profiles")
    in_cluster = profiles.cluster_id.notna()  # else: users with too few likes
    assert profiles.cluster_name[in_cluster].str.fullmatch(UNNAMED).all()
    assert profiles.cluster_name[~in_cluster].isna().all()
