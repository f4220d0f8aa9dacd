"""Pictures of the marts: ``python3 warehouse.py plots [--db F] [--out DIR]``.

The drawing functions are pure and live with their domain
(``<domain>/pictures.py``); this module holds the list of pictures with the
queries that feed them, reads a built warehouse (read-only) and writes one
PNG per picture. The data behind every picture is a mart, or the stored
model parameters (the cluster profiles read the centroid rows), so a BI
tool can draw the same thing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import duckdb
from matplotlib.figure import Figure

from audience_warehouse.ads import pictures as ads_pictures
from audience_warehouse.audiences import pictures as audiences_pictures
from audience_warehouse.core import pictures as core_pictures
from audience_warehouse.fans import pictures as fans_pictures
from audience_warehouse.interests import pictures as interests_pictures
from audience_warehouse.io.warehouse import default_database, read_only
from audience_warehouse.segmentation import pictures as segmentation_pictures

# A scatter needs no more than a few thousand points: a hash order keeps the
# same users in every picture.
INTEREST_USERS_FOR_SCATTER = (
    "select * from main.dim_interest_users order by hash(user_id), user_id limit 5000"
)

PICTURES: dict[str, tuple[list[str], Callable[..., Figure]]] = {
    "ads_k_selection.png": (
        ["select * from main.fct_audience_cluster_k_selection"],
        lambda frame: core_pictures.draw_k_selection(frame, "Audience-cell clusters"),
    ),
    "ads_cluster_profiles.png": (
        [
            "select * from main_intermediate.int_audience_cluster_centroids",
            "select * from main.dim_audience_clusters",
        ],
        ads_pictures.draw_cluster_profiles,
    ),
    "ads_audience_cells.png": (
        [
            "select * from main.dim_audience_cells",
            "select cluster_id, cluster_name from main.dim_audience_clusters",
        ],
        ads_pictures.draw_cells,
    ),
    "ads_model_metrics.png": (
        ["select * from main.fct_ad_conversion_model_metrics"],
        ads_pictures.draw_model_metrics,
    ),
    "ads_predictions.png": (
        [
            "select * from main.fct_ad_conversion_predictions",
            "select * from main.fct_ad_conversion_model_metrics",
        ],
        ads_pictures.draw_predictions,
    ),
    "ads_campaigns.png": (
        ["select * from main.dim_campaigns"],
        ads_pictures.draw_campaigns,
    ),
    "segmentation_dendrogram.png": (
        ["select * from main.fct_segment_ward_merges"],
        segmentation_pictures.draw_dendrogram,
    ),
    "segmentation_k_selection.png": (
        ["select * from main.fct_segment_k_selection"],
        segmentation_pictures.draw_segment_k_selection,
    ),
    "segmentation_segments.png": (
        ["select * from main.dim_segments"],
        segmentation_pictures.draw_segments,
    ),
    "fans_k_selection.png": (
        ["select * from main.fct_fan_activity_k_selection"],
        lambda frame: core_pictures.draw_k_selection(frame, "Fan activity clusters"),
    ),
    "fans_activity_levels.png": (
        ["select * from main.dim_fan_activity_levels"],
        fans_pictures.draw_activity_levels,
    ),
    "fans_daily_engagement.png": (
        ["select * from main.fct_fan_daily_engagement"],
        fans_pictures.draw_daily_engagement,
    ),
    "fans_page_overlap.png": (
        [
            "select * from main.fct_fan_page_overlap",
            "select * from main.dim_fan_pages",
        ],
        fans_pictures.draw_page_overlap,
    ),
    "fans_classifier.png": (
        [
            "select * from main.fct_fan_classifier_metrics",
            "select * from main.fct_fan_classifier_feature_importances",
            "select * from main.fct_fan_classifier_calibration",
        ],
        fans_pictures.draw_classifier,
    ),
    "audiences_sizes.png": (
        ["select * from main.dim_audiences"],
        audiences_pictures.draw_sizes,
    ),
    "audiences_overlap.png": (
        ["select * from main.fct_audience_overlap", "select * from main.dim_audiences"],
        audiences_pictures.draw_overlap,
    ),
    "audiences_scores.png": (
        [
            "select * from main.fct_audience_best_by_objective",
            "select * from main.fct_audience_objective_scores",
        ],
        audiences_pictures.draw_scores,
    ),
    "audiences_lookalike.png": (
        [
            "select * from main.fct_lookalike_evaluation",
            "select * from main.fct_lookalike_summary",
        ],
        audiences_pictures.draw_lookalike,
    ),
    "interests_distributions.png": (
        [
            "select * from main.fct_interest_distributions",
            INTEREST_USERS_FOR_SCATTER,
        ],
        interests_pictures.draw_distributions,
    ),
    "interests_age_groups.png": (
        ["select * from main.fct_interest_category_by_age_group"],
        interests_pictures.draw_age_groups,
    ),
    "interests_pca.png": (
        [
            "select * from main.fct_interest_pca_components",
            INTEREST_USERS_FOR_SCATTER,
        ],
        interests_pictures.draw_pca,
    ),
    "interests_k_selection.png": (
        ["select * from main.fct_interest_k_selection"],
        lambda frame: core_pictures.draw_k_selection(frame, "Interest clusters"),
    ),
    "interests_cluster_profiles.png": (
        [
            "select * from main.fct_interest_cluster_profiles",
            "select * from main.dim_interest_clusters",
        ],
        interests_pictures.draw_cluster_profiles,
    ),
    "interests_ad_check.png": (
        ["select * from main.fct_interest_ad_choice_check"],
        interests_pictures.draw_ad_check,
    ),
}


def draw_picture(connection: duckdb.DuckDBPyConnection, filename: str) -> Figure:
    """One picture drawn from its marts; raises LookupError when a mart it
    reads is missing or empty (the domain is not built)."""
    queries, draw = PICTURES[filename]
    try:
        frames = [connection.sql(query).df() for query in queries]
    except duckdb.CatalogException as error:
        raise LookupError(f"{filename}: a table it reads is not built") from error
    except duckdb.Error as error:
        raise LookupError(f"{filename}: {error}") from error
    if any(frame.empty for frame in frames):
        raise LookupError(f"{filename}: a table it reads has no rows")
    return draw(*frames)


def render_all(database: Path, out: Path) -> list[Path]:
    """Draw every picture from the warehouse at ``database`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with read_only(database) as connection:
        for filename in PICTURES:
            path = out / filename
            draw_picture(connection, filename).savefig(path, dpi=90)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse.py plots")
    parser.add_argument("--db", type=Path, default=default_database())
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    args = parser.parse_args(argv)
    for path in render_all(args.db, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
