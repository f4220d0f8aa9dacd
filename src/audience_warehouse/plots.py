"""Pictures of the marts: ``python3 warehouse.py plots [--db F] [--out DIR]``.

Each ``draw_*`` function takes the mart's rows as a DataFrame and returns a
matplotlib Figure (no I/O); :func:`main` reads a built warehouse and writes
one PNG per picture. The data behind every picture is a mart, so a BI tool
can draw the same thing.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

TARGET_LABELS = {
    "total_conversions": "Total conversions",
    "approved_conversions": "Approved conversions",
}


def draw_k_selection(
    k_selection: pd.DataFrame, subject: str = "Audience-cell clusters"
) -> Figure:
    """Elbow (inertia) and silhouette per k, chosen k marked."""
    data = k_selection.sort_values("k")
    figure, inertia_axis = plt.subplots(figsize=(7, 4))
    inertia_axis.plot(data["k"], data["inertia"], "o-", color="tab:blue")
    inertia_axis.set_xlabel("k (clusters)")
    inertia_axis.set_ylabel("inertia (within-cluster squares)", color="tab:blue")
    silhouette_axis = inertia_axis.twinx()
    silhouette_axis.plot(data["k"], data["silhouette"], "s--", color="tab:orange")
    silhouette_axis.set_ylabel("silhouette", color="tab:orange")
    chosen = data.loc[data["is_chosen"], "k"]
    for k in chosen:
        inertia_axis.axvline(k, color="grey", linestyle=":")
    rule = data["selection_rule"].iloc[0]
    inertia_axis.set_title(f"{subject}: k = {', '.join(map(str, chosen))} ({rule})")
    figure.tight_layout()
    return figure


def draw_cluster_profiles(centroids: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """Heatmap of centroids in standard deviations from the average cell."""
    columns = [c for c in centroids.columns if c.endswith("__centroid")]
    ordered = centroids.sort_values("cluster_id")
    values = ordered[columns].to_numpy(dtype=float)
    names = clusters.set_index("cluster_id").loc[ordered["cluster_id"], "cluster_name"]
    labels = [c.removeprefix("feature_").removesuffix("__centroid") for c in columns]
    figure, axis = plt.subplots(figsize=(11, 2.2 + 0.6 * len(ordered)))
    limit = max(1.0, float(np.abs(values).max()))
    image = axis.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    axis.set_xticks(range(len(labels)), labels, rotation=25, ha="right")
    axis.set_yticks(range(len(names)), list(names))
    for (row, column), value in np.ndenumerate(values):
        axis.text(column, row, f"{value:+.1f}", ha="center", va="center", fontsize=8)
    figure.colorbar(image, ax=axis, label="SDs from average cell")
    axis.set_title("Cluster profiles (centroids)")
    figure.tight_layout()
    return figure


def draw_cells(cells: pd.DataFrame) -> Figure:
    """Each audience cell: click-through vs approved conversions, by cluster."""
    figure, axis = plt.subplots(figsize=(7, 5))
    spend = cells["spend"].to_numpy(dtype=float)
    sizes = 10 + 190 * spend / max(spend.max(), 1.0)
    for cluster_id, group in cells.groupby("cluster_id"):
        axis.scatter(
            group["feature_click_through_rate"] * 100,
            group["feature_approved_conversions_per_mille"],
            s=sizes[group.index],
            alpha=0.6,
            label=f"cluster {cluster_id}",
        )
    axis.set_xlabel("click-through rate, % (shrunk)")
    axis.set_ylabel("approved conversions per 1,000 impressions (shrunk)")
    axis.set_title("Audience cells (size = spend)")
    axis.legend()
    figure.tight_layout()
    return figure


def draw_model_metrics(metrics: pd.DataFrame) -> Figure:
    """Cross-validated MAE per model and target."""
    pivot = metrics.pivot(
        index="model_name", columns="target_name", values="mean_absolute_error"
    )
    figure, axis = plt.subplots(figsize=(7, 4))
    pivot.rename(columns=TARGET_LABELS).plot.barh(ax=axis)
    axis.set_xlabel("mean absolute error (5-fold cross-validation, lower is better)")
    axis.set_ylabel("")
    axis.set_title("Conversion prediction: model vs constant baselines")
    figure.tight_layout()
    return figure


def draw_predictions(predictions: pd.DataFrame) -> Figure:
    """Out-of-fold expected count vs actual count, per target."""
    targets = sorted(predictions["target_name"].unique())
    figure, axes = plt.subplots(1, len(targets), figsize=(5 * len(targets), 4.5))
    for axis, target in zip(np.atleast_1d(axes), targets, strict=True):
        rows = predictions[predictions["target_name"] == target]
        axis.scatter(rows["actual_value"], rows["expected_value"], s=8, alpha=0.4)
        top = float(max(rows["actual_value"].max(), rows["expected_value"].max()))
        axis.plot([0, top], [0, top], color="grey", linestyle=":")
        axis.set_xlabel("actual")
        axis.set_ylabel("predicted (out of fold, expected value)")
        axis.set_title(TARGET_LABELS.get(target, target))
    figure.tight_layout()
    return figure


def draw_campaigns(campaigns: pd.DataFrame) -> Figure:
    """Spend and cost per approved conversion per campaign."""
    data = campaigns.sort_values("campaign_id")
    labels = data["campaign_id"].astype(str)
    figure, (spend_axis, cost_axis) = plt.subplots(1, 2, figsize=(9, 3.5))
    spend_axis.bar(labels, data["spend"])
    spend_axis.set_title("Spend per campaign")
    cost_axis.bar(labels, data["cost_per_approved_conversion"], color="tab:green")
    cost_axis.set_title("Cost per approved conversion")
    for axis in (spend_axis, cost_axis):
        axis.set_xlabel("campaign")
    figure.tight_layout()
    return figure


def draw_dendrogram(merges: pd.DataFrame, last_merges: int = 30) -> Figure:
    """Truncated Ward dendrogram (the last merges) from the merges mart."""
    from scipy.cluster.hierarchy import dendrogram

    ordered = merges.sort_values("merge_id")
    linkage_matrix = ordered[
        ["left_node_id", "right_node_id", "merge_height", "node_size"]
    ].to_numpy(dtype=float)
    figure, axis = plt.subplots(figsize=(9, 4.5))
    dendrogram(
        linkage_matrix,
        truncate_mode="lastp",
        p=last_merges,
        ax=axis,
        color_threshold=0,
        above_threshold_color="tab:blue",
        show_contracted=True,
    )
    axis.set_xlabel("customers (leaf labels: group size in brackets)")
    axis.set_ylabel("Ward merge height")
    axis.set_title(f"Ward dendrogram, last {last_merges} merges")
    figure.tight_layout()
    return figure


def draw_segment_k_selection(k_selection: pd.DataFrame) -> Figure:
    """Ward merge-height jump and KMeans elbow/silhouette per k."""
    data = k_selection.sort_values("k")
    figure, (jump_axis, elbow_axis) = plt.subplots(1, 2, figsize=(11, 4))
    jump_axis.bar(data["k"], data["ward_merge_height_jump"], color="tab:purple")
    jump_axis.set_xlabel("k (segments)")
    jump_axis.set_ylabel("jump in Ward merge height")
    chosen = data.loc[data["is_chosen"], "k"].tolist()
    jump_axis.set_title(
        f"k = {', '.join(map(str, chosen))}: {data.selection_rule.iloc[0]}"
    )
    elbow_axis.plot(data["k"], data["kmeans_inertia"], "o-", color="tab:blue")
    elbow_axis.set_xlabel("k (segments)")
    elbow_axis.set_ylabel("KMeans inertia", color="tab:blue")
    silhouette_axis = elbow_axis.twinx()
    silhouette_axis.plot(
        data["k"], data["kmeans_silhouette"], "s--", color="tab:orange"
    )
    silhouette_axis.set_ylabel("silhouette", color="tab:orange")
    for k in chosen:
        jump_axis.axvline(k, color="grey", linestyle=":")
        elbow_axis.axvline(k, color="grey", linestyle=":")
    elbow_axis.set_title("KMeans elbow and silhouette")
    figure.tight_layout()
    return figure


def draw_segments(segments: pd.DataFrame) -> Figure:
    """Each segment's region and channel mix, size, minutes and CLV."""
    data = segments.sort_values("segment_id")
    shares = [
        c for c in data.columns if c.startswith(("share_region_", "share_channel_"))
    ]
    values = data[shares].to_numpy(dtype=float)
    labels = [
        f"{row.segment_name} (N={row.customer_count:,}, "
        f"CLV {row.mean_customer_lifetime_value:.0f}, "
        f"{row.mean_minutes_watched:,.0f} min)"
        for row in data.itertuples()
    ]
    names = [c.removeprefix("share_").replace("_", " ") for c in shares]
    figure, axis = plt.subplots(figsize=(13, 1.6 + 0.55 * len(data)))
    image = axis.imshow(values, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axis.set_xticks(range(len(names)), names, rotation=35, ha="right")
    axis.set_yticks(range(len(labels)), labels)
    for (row, column), value in np.ndenumerate(values):
        if value >= 0.05:
            axis.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=7)
    figure.colorbar(image, ax=axis, label="share of segment")
    axis.set_title("Customer segments: region and channel mix")
    figure.tight_layout()
    return figure


def draw_activity_levels(levels: pd.DataFrame) -> Figure:
    """Share of users and of engagements per activity level."""
    data = levels.sort_values("activity_level_rank")
    figure, axis = plt.subplots(figsize=(7, 4))
    positions = np.arange(len(data))
    axis.bar(positions - 0.2, data["share_of_users"], 0.4, label="share of users")
    axis.bar(
        positions + 0.2, data["share_of_engagements"], 0.4, label="share of engagements"
    )
    labels = [
        f"{row.activity_level}\n{row.mean_engagement_count:.1f} per user"
        for row in data.itertuples()
    ]
    axis.set_xticks(positions, labels)
    axis.set_ylabel("share")
    axis.set_title("Fan activity levels (KMeans on activity features)")
    axis.legend()
    figure.tight_layout()
    return figure


def draw_daily_engagement(daily: pd.DataFrame) -> Figure:
    """Engagements per day, stacked by type."""
    pivot = daily.pivot_table(
        index="engaged_date", columns="engagement_type", values="engagement_count",
        aggfunc="sum", fill_value=0,
    )  # fmt: skip
    figure, axis = plt.subplots(figsize=(10, 4))
    axis.stackplot(
        pivot.index, pivot.T.to_numpy(), labels=list(pivot.columns), alpha=0.8
    )
    axis.set_ylabel("engagements per day")
    axis.set_title("Engagement by day and type (weekends peak)")
    axis.legend(loc="upper left")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def draw_page_overlap(overlap: pd.DataFrame, pages: pd.DataFrame) -> Figure:
    """Jaccard index of audiences between the largest pages."""
    top = pages.sort_values("engaged_user_count", ascending=False).head(12)
    names = top.set_index("page_id")["page_name"]
    matrix = (
        overlap[
            overlap.page_id.isin(names.index) & overlap.other_page_id.isin(names.index)
        ]
        .pivot(index="page_id", columns="other_page_id", values="jaccard_index")
        .reindex(index=names.index, columns=names.index)
    )
    figure, axis = plt.subplots(figsize=(8, 7))
    image = axis.imshow(matrix.to_numpy(dtype=float), cmap="Purples", vmin=0)
    axis.set_xticks(range(len(names)), names, rotation=60, ha="right")
    axis.set_yticks(range(len(names)), names)
    figure.colorbar(image, ax=axis, label="Jaccard index of audiences")
    axis.set_title("Audience overlap between the 12 largest pages")
    figure.tight_layout()
    return figure


def draw_classifier(metrics: pd.DataFrame, importances: pd.DataFrame) -> Figure:
    """Held-out metrics per model, and the forest's permutation importances."""
    figure, (metric_axis, importance_axis) = plt.subplots(1, 2, figsize=(12, 4))
    shown = ["roc_auc", "f1_score", "precision_score", "recall_score", "accuracy"]
    metrics.set_index("model_name")[shown].T.plot.bar(ax=metric_axis, rot=0)
    metric_axis.legend(loc="lower left", fontsize=7)
    metric_axis.set_ylim(0, 1)
    base_rate = metrics["base_rate"].iloc[0]
    metric_axis.set_title(
        f"Early-activity classifier, test users (base rate {base_rate:.0%})"
    )
    data = importances.sort_values("permutation_importance")
    importance_axis.barh(
        data["feature_name"].str.removeprefix("feature_"),
        data["permutation_importance"],
        xerr=data["permutation_importance_std"],
    )
    importance_axis.set_xlabel("drop in test ROC AUC when shuffled")
    importance_axis.set_title("What early activity predicts a fan")
    figure.tight_layout()
    return figure


PICTURES: dict[str, tuple[list[str], Callable[..., Figure]]] = {
    "ads_k_selection.png": (
        ["select * from main.fct_audience_cluster_k_selection"],
        draw_k_selection,
    ),
    "ads_cluster_profiles.png": (
        [
            "select * from main_intermediate.int_audience_cluster_centroids",
            "select * from main.dim_audience_clusters",
        ],
        draw_cluster_profiles,
    ),
    "ads_audience_cells.png": (
        ["select * from main.dim_audience_cells"],
        draw_cells,
    ),
    "ads_model_metrics.png": (
        ["select * from main.fct_ad_conversion_model_metrics"],
        draw_model_metrics,
    ),
    "ads_predictions.png": (
        ["select * from main.fct_ad_conversion_predictions"],
        draw_predictions,
    ),
    "ads_campaigns.png": (
        ["select * from main.dim_campaigns"],
        draw_campaigns,
    ),
    "segmentation_dendrogram.png": (
        ["select * from main.fct_segment_ward_merges"],
        draw_dendrogram,
    ),
    "segmentation_k_selection.png": (
        ["select * from main.fct_segment_k_selection"],
        draw_segment_k_selection,
    ),
    "segmentation_segments.png": (
        ["select * from main.dim_segments"],
        draw_segments,
    ),
    "fans_k_selection.png": (
        ["select * from main.fct_fan_activity_k_selection"],
        lambda frame: draw_k_selection(frame, "Fan activity clusters"),
    ),
    "fans_activity_levels.png": (
        ["select * from main.dim_fan_activity_levels"],
        draw_activity_levels,
    ),
    "fans_daily_engagement.png": (
        ["select * from main.fct_fan_daily_engagement"],
        draw_daily_engagement,
    ),
    "fans_page_overlap.png": (
        [
            "select * from main.fct_fan_page_overlap",
            "select * from main.dim_fan_pages",
        ],
        draw_page_overlap,
    ),
    "fans_classifier.png": (
        [
            "select * from main.fct_fan_classifier_metrics",
            "select * from main.fct_fan_classifier_feature_importances",
        ],
        draw_classifier,
    ),
}


def render_all(database: Path, out: Path) -> list[Path]:
    """Draw every picture from the warehouse at ``database`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(database), read_only=True) as connection:
        for filename, (queries, draw) in PICTURES.items():
            frames = [connection.sql(query).df() for query in queries]
            figure = draw(*frames)
            path = out / filename
            figure.savefig(path, dpi=90)
            plt.close(figure)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse.py plots")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(
            os.environ.get("AUDIENCE_WAREHOUSE_DB", "audience_warehouse.duckdb")
        ),
    )
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    args = parser.parse_args(argv)
    for path in render_all(args.db, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
