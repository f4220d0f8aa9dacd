"""Ads pictures: audience-cell clusters, conversion model, campaigns.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from audience_warehouse.core.pictures import ink, readable
from audience_warehouse.core.pictures import subplots as _subplots

TARGET_LABELS = {
    "total_conversions": "Total conversions",
    "approved_conversions": "Approved conversions",
}


def draw_cluster_profiles(centroids: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """Heatmap of centroids in standard deviations from the average cell."""
    columns = [c for c in centroids.columns if c.endswith("__centroid")]
    ordered = centroids.sort_values("cluster_id")
    values = ordered[columns].to_numpy(dtype=float)
    names = clusters.set_index("cluster_id").loc[ordered["cluster_id"], "cluster_name"]
    labels = [readable(c.removesuffix("__centroid")) for c in columns]
    figure, axis = _subplots(figsize=(11, 2.2 + 0.6 * len(ordered)))
    limit = max(1.0, float(np.abs(values).max()))
    image = axis.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    axis.set_xticks(range(len(labels)), labels, rotation=25, ha="right")
    axis.set_yticks(range(len(names)), list(names))
    for (row, column), value in np.ndenumerate(values):
        axis.text(
            column, row, f"{value:+.1f}", ha="center", va="center",
            fontsize=8, color=ink(abs(value) / limit),
        )  # fmt: skip
    figure.colorbar(image, ax=axis, label="SDs from average cell")
    axis.set_title("Cluster profiles (centroids)")
    figure.tight_layout()
    return figure


def draw_cells(cells: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """Each audience cell: click-through vs approved conversions, by cluster
    (named as in ``clusters``)."""
    names = clusters.set_index("cluster_id")["cluster_name"].to_dict()
    figure, axis = _subplots(figsize=(8, 5.5))
    spend = cells["spend"].to_numpy(dtype=float)
    sizes = 10 + 190 * spend / max(spend.max(), 1.0)
    for cluster_id, group in cells.groupby("cluster_id"):
        axis.scatter(
            group["feature_click_through_rate"] * 100,
            group["feature_approved_conversions_per_mille"],
            s=sizes[group.index],
            alpha=0.6,
            label=names.get(cluster_id, f"cluster {cluster_id}"),
        )
    axis.set_xlabel("click-through rate, % (shrunk)")
    axis.set_ylabel("approved conversions per 1,000 impressions (shrunk)")
    axis.set_title("Audience cells (size = spend)")
    # Legend markers of one size: a cluster of small spenders is not small.
    legend = axis.legend(fontsize=8, markerscale=1)
    for handle in legend.legend_handles:
        handle.set_sizes([40])
    figure.tight_layout()
    return figure


def draw_model_metrics(metrics: pd.DataFrame) -> Figure:
    """MAE on the test part per method and target; the method served per
    target (chosen on the validation part) is named in the legend."""
    pivot = metrics.pivot(
        index="model_name", columns="target_name", values="test_mean_absolute_error"
    )
    served = metrics[metrics["is_served"]].set_index("target_name")["model_name"]
    figure, axis = _subplots(figsize=(7, 5))
    pivot.index = [readable(name) for name in pivot.index]
    pivot.columns = [
        f"{TARGET_LABELS.get(target, target)} (served: {readable(served[target])})"
        for target in pivot.columns
    ]
    pivot.plot.barh(ax=axis)
    axis.legend(
        title="target (method served: best on the validation part)",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        fontsize=8,
        title_fontsize=8,
    )
    axis.set_xlabel("mean absolute error on the test part (lower is better)")
    axis.set_ylabel("")
    axis.set_title("Conversion prediction: model vs constant baselines")
    figure.tight_layout()
    return figure


def draw_predictions(predictions: pd.DataFrame, metrics: pd.DataFrame) -> Figure:
    """Out-of-fold expected count vs actual count per ad of the test part,
    per target, beside the training-mean baseline (a constant per fold);
    each with its test MAE as the metrics mart gives it."""
    errors = metrics.set_index(["target_name", "model_name"])[
        "test_mean_absolute_error"
    ]
    predictions = predictions[predictions["evaluation_part"] == "test"]
    targets = sorted(predictions["target_name"].unique())
    figure, axes = _subplots(1, len(targets), figsize=(5 * len(targets), 4.5))
    for axis, target in zip(np.atleast_1d(axes), targets, strict=True):
        rows = predictions[predictions["target_name"] == target]
        actual = rows["actual_value"]
        for column, model, label, colour, marker in (
            ("baseline_mean_value", "baseline_training_mean",
             "baseline: training mean", "tab:orange", "_"),
            ("expected_value", "poisson_glm_expected", "Poisson GLM", "tab:blue",
             "o"),
        ):  # fmt: skip
            error = float(errors[(target, model)])
            axis.scatter(
                actual, rows[column], s=12 if marker == "o" else 40, alpha=0.45,
                color=colour, marker=marker, label=f"{label} (MAE {error:.2f})",
            )  # fmt: skip
        top = float(max(actual.max(), rows["expected_value"].max()))
        axis.plot([0, top], [0, top], color="grey", linestyle=":", label="perfect")
        label = TARGET_LABELS.get(target, target).lower()
        axis.set_xlabel(f"actual {label} per ad")
        axis.set_ylabel(f"predicted {label} per ad (test part)")
        axis.set_title(TARGET_LABELS.get(target, target))
        axis.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    return figure


def draw_campaigns(campaigns: pd.DataFrame) -> Figure:
    """Spend and cost per approved conversion per campaign."""
    data = campaigns.sort_values("campaign_id")
    labels = data["campaign_id"].astype(str)
    figure, (spend_axis, cost_axis) = _subplots(1, 2, figsize=(10, 3.8))
    bars = spend_axis.bar(labels, data["spend"])
    # A small campaign's bar can be too short to see: its value is written.
    spend_axis.bar_label(bars, labels=[f"{v:,.0f}" for v in data["spend"]], fontsize=8)
    spend_axis.set_title("Spend per campaign")
    spend_axis.set_ylabel("spend (account currency)")
    costs = data["cost_per_approved_conversion"]
    bars = cost_axis.bar(labels, costs, color="tab:green")
    cost_axis.bar_label(bars, labels=[f"{v:,.2f}" for v in costs], fontsize=8)
    cost_axis.set_title("Cost per approved conversion")
    cost_axis.set_ylabel("account currency per conversion")
    for axis in (spend_axis, cost_axis):
        axis.set_xlabel("campaign")
    figure.tight_layout()
    return figure
