"""Fans pictures: activity levels, daily engagement, page overlap, classifier.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

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
    axis.set_title("Engagement by day and type (weekends peak)")
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


def draw_classifier(metrics: pd.DataFrame, importances: pd.DataFrame) -> Figure:
    """Held-out metrics per model, and the forest's permutation importances."""
    figure, (metric_axis, importance_axis) = _subplots(1, 2, figsize=(12, 4))
    shown = ["roc_auc", "f1_score", "precision_score", "recall_score", "accuracy"]
    ordered = metrics.sort_values("model_name").set_index("model_name")
    ordered[shown].T.plot.bar(ax=metric_axis, rot=0)
    metric_axis.legend(loc="lower left", fontsize=7)
    metric_axis.set_ylim(0, 1)
    base_rate = metrics["base_rate"].iloc[0]
    metric_axis.set_title(
        f"Early-activity classifier, test users (base rate {base_rate:.0%})"
    )
    data = importances.sort_values(["permutation_importance", "feature_name"])
    importance_axis.barh(
        data["feature_name"].str.removeprefix("feature_"),
        data["permutation_importance"],
        xerr=data["permutation_importance_std"],
    )
    importance_axis.set_xlabel("drop in test ROC AUC when shuffled")
    importance_axis.set_title("What early activity predicts a fan")
    figure.tight_layout()
    return figure
