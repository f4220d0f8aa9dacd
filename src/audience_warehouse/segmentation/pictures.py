"""Segmentation pictures: dendrogram, k selection, segment mix.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from audience_warehouse.core.pictures import ink
from audience_warehouse.core.pictures import subplots as _subplots


def draw_dendrogram(merges: pd.DataFrame, last_merges: int = 30) -> Figure:
    """Truncated Ward dendrogram (the last merges) from the merges mart."""
    from scipy.cluster.hierarchy import dendrogram

    ordered = merges.sort_values("merge_id")
    linkage_matrix = ordered[
        ["left_node_id", "right_node_id", "merge_height", "node_size"]
    ].to_numpy(dtype=float)
    figure, axis = _subplots(figsize=(9, 4.5))
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
    figure, (jump_axis, elbow_axis) = _subplots(1, 2, figsize=(11, 4))
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
    figure, axis = _subplots(figsize=(13, 1.6 + 0.55 * len(data)))
    image = axis.imshow(values, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axis.set_xticks(range(len(names)), names, rotation=35, ha="right")
    axis.set_yticks(range(len(labels)), labels)
    for (row, column), value in np.ndenumerate(values):
        if value >= 0.05:
            axis.text(
                column, row, f"{value:.0%}", ha="center", va="center",
                fontsize=7, color=ink(value),
            )  # fmt: skip
    figure.colorbar(image, ax=axis, label="share of segment")
    axis.set_title("Customer segments: region and channel mix")
    figure.tight_layout()
    return figure
