"""Fans pictures: activity levels, daily engagement, page overlap, classifier.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from audience_warehouse.core.pictures import readable
from audience_warehouse.core.pictures import subplots as _subplots


def draw_activity_levels(levels: pd.DataFrame) -> Figure:
    """Share of users and of engagements per activity level."""
    data = levels.sort_values("activity_level_rank")
    figure, axis = _subplots(figsize=(7, 4))
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
    figure, axis = _subplots(figsize=(10, 4))
    axis.stackplot(
        pivot.index, pivot.T.to_numpy(), labels=list(pivot.columns), alpha=0.8
    )
    axis.set_ylabel("engagements per day")
    axis.set_title("Engagement by day and type")
    axis.legend(loc="upper left")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def draw_page_overlap(overlap: pd.DataFrame, pages: pd.DataFrame) -> Figure:
    """Jaccard index of audiences between the largest pages."""
    top = pages.sort_values(
        ["engaged_user_count", "page_id"], ascending=[False, True]
    ).head(12)
    names = top.set_index("page_id")["page_name"]
    matrix = (
        overlap[
            overlap.page_id.isin(names.index) & overlap.other_page_id.isin(names.index)
        ]
        .pivot(index="page_id", columns="other_page_id", values="jaccard_index")
        .reindex(index=names.index, columns=names.index)
    )
    figure, axis = _subplots(figsize=(8, 7))
    image = axis.imshow(matrix.to_numpy(dtype=float), cmap="Purples", vmin=0)
    axis.set_xticks(range(len(names)), names, rotation=60, ha="right")
    axis.set_yticks(range(len(names)), names)
    figure.colorbar(image, ax=axis, label="Jaccard index of audiences")
    axis.set_title("Audience overlap between the 12 largest pages")
    figure.tight_layout()
    return figure


def draw_classifier(
    metrics: pd.DataFrame, importances: pd.DataFrame, calibration: pd.DataFrame
) -> Figure:
    """Test ROC AUC and Brier score per model, random split beside out of
    time, the served model (chosen on the validation users) marked; the
    reliability diagram; the forest's permutation importances. When
    nothing was fitted, the reason instead."""
    figure, (metric_axis, calibration_axis, importance_axis) = _subplots(
        1, 3, figsize=(16, 4.5)
    )
    fitted = metrics[metrics["model_status"] == "fitted"]
    if fitted.empty:
        reason = metrics["model_status"].iloc[0] if len(metrics) else "no data"
        for axis in (metric_axis, calibration_axis, importance_axis):
            axis.text(0.5, 0.5, f"not fitted:\n{reason}", ha="center", wrap=True)
            axis.set_axis_off()
        return figure
    table = fitted.pivot_table(
        index="model_name", columns="evaluation", values=["roc_auc", "brier_score"]
    )
    metric_names = {"roc_auc": "ROC AUC", "brier_score": "Brier score"}
    table.columns = [
        f"{metric_names[metric]} ({readable(split)})" for metric, split in table
    ]
    short_names = {
        "random_forest": "forest",
        "random_forest_without_network": "forest w/o network",
        "baseline_logistic_engagement_count": "logistic",
        "baseline_base_rate": "base rate",
    }
    served = set(fitted.loc[fitted["is_served"].astype(bool), "model_name"])
    table.index = [
        short_names.get(name, name) + (" (served)" if name in served else "")
        for name in table.index
    ]
    table.plot.bar(ax=metric_axis, rot=15)
    metric_axis.set_xlabel("")
    metric_axis.set_ylabel("ROC AUC: higher is better; Brier: lower")
    # Below the bars, not over them.
    metric_axis.legend(
        fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2
    )
    metric_axis.set_ylim(0, 1)
    base_rate = fitted["base_rate"].iloc[0]
    metric_axis.set_title(
        f"Test users: ROC AUC and Brier (base rate {base_rate:.0%});\n"
        "served: the lower Brier on validation users"
    )
    calibration_axis.plot([0, 1], [0, 1], color="grey", linestyle="--", label="ideal")
    ordered = calibration.sort_values(["model_name", "bin_index"])
    for model, rows in ordered.groupby("model_name"):
        calibration_axis.plot(
            rows["mean_predicted_probability"],
            rows["observed_rate"],
            marker="o",
            label=str(model).replace("baseline_", "").replace("_", " "),
        )
    calibration_axis.set_xlabel("mean predicted probability")
    calibration_axis.set_ylabel("observed share engaged later")
    calibration_axis.set_title("Calibration (random split, test users)")
    calibration_axis.legend(fontsize=7)
    data = importances.sort_values(["permutation_importance", "feature_name"])
    importance_axis.barh(
        [readable(name) for name in data["feature_name"]],
        data["permutation_importance"],
        xerr=data["permutation_importance_std"],
    )
    importance_axis.set_xlabel("drop in held-out ROC AUC when shuffled")
    importance_axis.set_title("What early activity predicts a fan")
    figure.tight_layout()
    return figure
