"""The fans domain on heavy ties, from our own generator (``ties_share``):
nine users in ten made one identical like, so nine feature rows in ten are
one point, as in a real one-day log. The activity levels must not be built
from the ties: the silhouette is taken over distinct points (the ties score
exactly 1.0 against each other, which the mean over rows would reward), and
no level is named for a group under var cluster_min_size."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from audience_warehouse.io.files import write_fans

from ..conftest import Warehouse, build_warehouse, project_var

pytestmark = pytest.mark.dbt

USERS, EVENTS, SEED, TIES_SHARE = 400, 4000, 7, 0.9


@pytest.fixture(scope="module")
def tied(tmp_path_factory) -> Warehouse:
    directory = tmp_path_factory.mktemp("ties")
    paths = write_fans(
        directory, USERS, EVENTS, SEED, "csv", 0.0, ties_share=TIES_SHARE
    )
    return build_warehouse(
        directory,
        vars_={f"{name}_path": str(path) for name, path in paths.items()},
        select="tag:fans",
    )


def features_and_levels(warehouse: Warehouse):
    """Each user's activity-clustering inputs (as listed in the var) and the
    cluster dim_fans assigned, in user order."""
    columns = project_var("fans_activity_features")
    frame = warehouse.query(
        f"select features.user_id, {', '.join(f'features.{c}' for c in columns)},"
        " fans.cluster_id"
        " from main_intermediate.int_fan_user_features as features"
        " inner join main.dim_fans as fans on features.user_id = fans.user_id"
        " order by features.user_id"
    )
    return frame[columns], frame.cluster_id.to_numpy()


def test_the_fit_reports_its_distinct_points_and_the_ties(tied):
    selection = tied.query("select * from main.fct_fan_activity_k_selection")
    features, _ = features_and_levels(tied)
    # Counted here with pandas: the rows and the distinct rows fitted on.
    distinct = features.drop_duplicates()
    top_share = features.value_counts().iloc[0] / len(features)
    assert (selection.fit_row_count == USERS).all()
    assert (selection.distinct_point_count == len(distinct)).all()
    assert len(distinct) < 0.1 * USERS  # most rows are one point
    assert top_share >= TIES_SHARE
    np.testing.assert_allclose(selection.top_point_share, top_share)


def test_the_silhouette_is_over_distinct_points_not_inflated_by_ties(tied):
    selection = tied.query("select * from main.fct_fan_activity_k_selection")
    chosen = selection[selection.is_chosen].iloc[0]
    assert chosen.k >= 2, chosen.fit_note
    features, labels = features_and_levels(tied)
    scaled = StandardScaler().fit_transform(features.to_numpy())
    # scikit-learn on the same partition: once per distinct point, and once
    # per row (the ties each scoring 1.0).
    points, first = np.unique(scaled, axis=0, return_index=True)
    over_points = silhouette_score(points, labels[first])
    over_rows = silhouette_score(scaled, labels)
    assert abs(chosen.silhouette - over_points) < 0.01
    assert over_rows > 0.9  # what the ties would claim
    assert chosen.silhouette < over_rows - 0.3
    # Every k's silhouette is a distinct-point figure: none near the ties'.
    assert (selection.silhouette.dropna() < 0.7).all()


def test_no_level_is_named_for_a_group_under_the_minimum_size(tied):
    minimum = project_var("cluster_min_size")
    selection = tied.query("select * from main.fct_fan_activity_k_selection")
    chosen = selection[selection.is_chosen].iloc[0]
    assert chosen.smallest_cluster_size >= minimum
    # The k that would leave a smaller group say why they were not chosen.
    small = selection[selection.smallest_cluster_size < minimum]
    assert len(small), "the ties should leave some k with a tiny group"
    assert small.note.str.startswith("not chosen: leaves a cluster of").all()
    assert not small.is_chosen.any()
    levels = tied.query("select * from main.dim_fan_activity_levels")
    assert len(levels) == chosen.k
    # Never a level of two users (issue 26), named or not.
    sizes = levels.set_index("activity_level").user_count
    assert (sizes >= minimum).all(), sizes.to_dict()
    assert sizes.sum() == USERS
    named = ~levels.activity_level.str.fullmatch(r"level \d+")
    assert named.all() == (chosen.fit_status in ("fitted", "forced k"))
    # No note invites a larger k.
    assert not selection.note.dropna().str.contains("larger k").any()
    assert not re.search("larger k", chosen.fit_note)
