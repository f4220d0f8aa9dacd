"""Audiences pictures: sizes, overlap heat map, scores per objective,
lookalike lift per tier.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from audience_warehouse.core.pictures import subplots as _subplots

_SOURCE_COLOURS = {
    "website": "tab:blue", "video": "tab:orange", "facebook": "tab:green",
    "instagram": "tab:purple",
}  # fmt: skip


def draw_sizes(audiences: pd.DataFrame, min_size: int = 100) -> Figure:
    """People per audience, coloured by source; the platform's minimum."""
    data = audiences.sort_values(["member_count", "audience_key"])
    figure, axis = _subplots(figsize=(9, max(4.0, 0.17 * len(data))))
    colours = [_SOURCE_COLOURS.get(source, "grey") for source in data["source"]]
    axis.barh(data["audience_key"], data["member_count"], color=colours)
    axis.axvline(min_size, color="black", linestyle="--", linewidth=1)
    # At the foot of the line, where the bars are shortest.
    axis.text(min_size, -1.5, f" minimum {min_size}", va="top", fontsize=8)
    axis.set_ylim(-3, len(data))
    axis.set_xlabel("people in the audience (as of the as-of date)")
    axis.tick_params(axis="y", labelsize=6)
    # Patches, not empty bars: an empty bar container has no colour of its
    # own, and every entry was drawn in the default blue.
    axis.legend(
        handles=[Patch(color=c, label=s) for s, c in _SOURCE_COLOURS.items()],
        loc="lower right",
        title="source",
    )
    axis.set_title("Audience sizes by source and retention window")
    figure.tight_layout()
    return figure


def draw_overlap(
    overlap: pd.DataFrame, audiences: pd.DataFrame, top: int = 20
) -> Figure:
    """Jaccard index between the largest audiences (a symmetric heat map)."""
    keys = (
        audiences.sort_values(["member_count", "audience_key"], ascending=[False, True])
        .head(top)["audience_key"]
        .tolist()
    )
    pairs = overlap[
        overlap.audience_key_a.isin(keys) & overlap.audience_key_b.isin(keys)
    ]
    matrix = pd.DataFrame(np.eye(len(keys)), index=keys, columns=keys)
    for row in pairs.itertuples():
        matrix.loc[row.audience_key_a, row.audience_key_b] = row.jaccard_index
        matrix.loc[row.audience_key_b, row.audience_key_a] = row.jaccard_index
    figure, axis = _subplots(figsize=(9, 8))
    image = axis.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1)
    axis.set_xticks(range(len(keys)), keys, rotation=70, ha="right", fontsize=7)
    axis.set_yticks(range(len(keys)), keys, fontsize=7)
    figure.colorbar(image, ax=axis, label="Jaccard index (shared / in either)")
    axis.set_title(f"Overlap of the {len(keys)} largest audiences")
    figure.tight_layout()
    return figure


def draw_scores(best: pd.DataFrame, scores: pd.DataFrame) -> Figure:
    """Per outcome objective: the top five eligible audiences' scores by the
    served method, the chosen one first; weak choices marked."""
    outcome = scores[
        (scores.objective_kind == "outcome") & scores.objective_rank.notna()
    ]
    objectives = sorted(outcome.objective.unique())
    figure, axes = _subplots(1, max(1, len(objectives)), figsize=(16, 4.5))
    axes = np.atleast_1d(axes)
    weak = best.set_index(["objective_kind", "objective"]).is_weak
    top = 1.1 * float(outcome.quality_score.max()) if len(outcome) else 100.0
    top = max(top, 1.0)  # every score 0 (bands on a tiny list)
    method = str(outcome.score_method.iloc[0]) if len(outcome) else "graded"
    scale = "bands score (0-45)" if method == "bands" else "graded score (0-100)"
    for axis, objective in zip(axes, objectives, strict=False):
        rows = (
            outcome[outcome.objective == objective]
            .sort_values("objective_rank")
            .head(5)
        )
        colours = ["tab:green"] + ["tab:grey"] * (len(rows) - 1)
        axis.barh(
            rows.audience_key[::-1], rows.quality_score[::-1], color=colours[::-1]
        )
        flag = " (weak)" if weak.get(("outcome", objective), False) else ""
        name = objective.removeprefix("OUTCOME_").replace("_", " ").capitalize()
        axis.set_title(name + flag, fontsize=9)
        axis.tick_params(axis="y", labelsize=6)
        axis.set_xlim(0, top)  # one scale for every objective
        axis.set_xlabel(scale, fontsize=8)
    if not objectives:
        axes[0].text(0.5, 0.5, "no eligible audience", ha="center")
    figure.suptitle(
        f"Best audiences per outcome objective by {method} (chosen in green)"
    )
    figure.tight_layout()
    return figure


def draw_lookalike(evaluation: pd.DataFrame, summary: pd.DataFrame) -> Figure:
    """Lift over random and recall of hidden seed members per tier, the
    similarity model beside the most-active baseline: the test part (solid,
    reported) and the validation part (dotted, where the served method is
    chosen); the served method is marked in the legend and the title."""
    figure, (lift_axis, recall_axis) = _subplots(1, 2, figsize=(12, 4.5))
    if evaluation.empty:
        status = summary.lookalike_status.iloc[0] if len(summary) else "no data"
        for axis in (lift_axis, recall_axis):
            axis.text(0.5, 0.5, f"not fitted:\n{status}", ha="center", wrap=True)
            axis.set_axis_off()
        return figure
    names = {
        "similarity_model": "similarity model",
        "most_active_baseline": "most active first",
    }
    styles = {"test": "-", "validation": ":"}
    ordered = evaluation.sort_values(["ranking_method", "holdout_part", "tier_percent"])
    for (method, part), rows in ordered.groupby(["ranking_method", "holdout_part"]):
        served = " (served)" if rows.is_served_method.all() else ""
        label = f"{names.get(method, method)}{served}, {part}"
        colour = "tab:blue" if method == "similarity_model" else "tab:orange"
        style = {"marker": "o", "color": colour, "linestyle": styles.get(part, "--")}
        lift_axis.plot(rows.tier_percent, rows.lift_over_random, label=label, **style)
        recall_axis.plot(rows.tier_percent, rows.recall_share, label=label, **style)
    lift_axis.axhline(1, color="black", linestyle="--", linewidth=1, label="random")
    lift_axis.set_xlabel("lookalike size (% of the country)")
    lift_axis.set_ylabel("lift over random (x)")
    recall_axis.set_xlabel("lookalike size (% of the country)")
    recall_axis.set_ylabel("share of hidden seed members found")
    seed = summary.iloc[0]
    lift_axis.set_title(
        f"Lookalike of {seed.seed_audience_key} ({seed.country_code}): lift", fontsize=9
    )
    served = names.get(seed.served_method, seed.served_method)
    recall_axis.set_title(
        f"Recall of hidden members; served: {served} (chosen on validation)",
        fontsize=9,
    )
    lift_axis.legend()
    figure.tight_layout()
    return figure
