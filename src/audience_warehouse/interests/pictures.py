"""Interests pictures: histograms, favourite category by age group, scree
and PCA scatter, cluster profiles, and the ad-choice check.

Pure functions of mart rows returning matplotlib Figures; the io layer
reads the marts and saves the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure

from audience_warehouse.core.pictures import readable
from audience_warehouse.core.pictures import subplots as _subplots


def _colours(names: list[str]) -> dict[str, tuple]:
    """A colour per name, by sorted name (the same categories get the same
    colours in every picture); `none` grey."""
    palette = colormaps["tab10"]
    named = sorted(name for name in names if name != "none")
    colours = {name: palette(index % 10) for index, name in enumerate(named)}
    return {**colours, "none": (0.6, 0.6, 0.6, 1.0)}


def draw_distributions(distributions: pd.DataFrame, users: pd.DataFrame) -> Figure:
    """Users per year of age and per band of liked posts (doubling bins),
    and liked posts against age (users with a known age)."""
    figure, (age_axis, likes_axis, scatter) = _subplots(1, 3, figsize=(15, 4))
    ages = distributions[distributions.measure == "age"].sort_values("bin_lower")
    age_axis.bar(ages.bin_lower, ages.user_count, width=1.0, color="tab:blue")
    age_axis.set_xlabel("age (years)")
    age_axis.set_ylabel("users")
    age_axis.set_title("Users per year of age")
    liked = distributions[distributions.measure == "liked_posts"].sort_values(
        "bin_lower"
    )
    labels = [
        str(row.bin_lower) if row.bin_lower == row.bin_upper
        else f"{row.bin_lower}-{row.bin_upper}"
        for row in liked.itertuples()
    ]  # fmt: skip
    likes_axis.bar(range(len(liked)), liked.user_count, color="tab:orange")
    likes_axis.set_xticks(range(len(liked)), labels, rotation=60, ha="right")
    likes_axis.set_xlabel("liked posts per user (doubling bins)")
    likes_axis.set_ylabel("users")
    likes_axis.set_title("Users per band of liked posts")
    known = users[users.age.notna() & (users.liked_posts > 0)]
    scatter.scatter(known.age, known.liked_posts, s=4, alpha=0.3, color="tab:blue")
    scatter.set_yscale("log")
    scatter.set_xlabel("age (years)")
    scatter.set_ylabel("liked posts (log scale)")
    scatter.set_title("Liked posts against age")
    if ages.empty or known.empty:  # a file without ages (BuddyMove's)
        for axis in (age_axis, scatter):
            axis.text(
                0.5, 0.5, "no ages in the input", ha="center", va="center",
                transform=axis.transAxes, color="grey",
            )  # fmt: skip
            axis.set_xticks([])
            axis.set_yticks([])
    figure.tight_layout()
    return figure


def draw_age_groups(by_age_group: pd.DataFrame) -> Figure:
    """Share of each age group's users per top category (stacked), the
    favourite named above each bar."""
    table = by_age_group.pivot_table(
        index="age_group", columns="category", values="user_share", fill_value=0.0
    )
    colours = _colours(list(table.columns))
    figure, axis = _subplots(figsize=(9, 4.5))
    bottom = np.zeros(len(table))
    for category in table.columns:
        axis.bar(
            table.index, table[category], bottom=bottom, label=category,
            color=colours[category],
        )  # fmt: skip
        bottom += table[category].to_numpy()
    favourites = by_age_group[by_age_group.is_favourite].set_index("age_group")
    for position, group in enumerate(table.index):
        if group in favourites.index:
            axis.text(
                position, bottom[position] + 0.01, favourites.loc[group, "category"],
                ha="center", fontsize=8,
            )  # fmt: skip
    axis.set_ylim(0, 1.12)
    axis.set_xlabel("age group")
    axis.set_ylabel("share of the group's users by top category")
    axis.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axis.set_title("Favourite category by age group")
    figure.tight_layout()
    return figure


def draw_pca(components: pd.DataFrame, users: pd.DataFrame) -> Figure:
    """Scree (variance per component, cumulative line, kept ones dark) and
    the users on the first two components, by top category and by cluster."""
    figure, (scree, by_top, by_cluster) = _subplots(1, 3, figsize=(15, 4.5))
    data = components.sort_values("component")
    colours = ["tab:blue" if kept else "lightgrey" for kept in data.is_kept]
    scree.bar(data.component, data.explained_variance_ratio, color=colours)
    scree.plot(data.component, data.cumulative_variance_ratio, "o-", color="black")
    scree.set_xlabel("principal component")
    scree.set_ylabel("share of variance (bars), cumulative (line)")
    scree.set_ylim(0, 1.05)
    scree.set_title(f"Scree: {int(data.is_kept.sum())} components kept")
    y = users.pc_2 if users.pc_2.notna().any() else pd.Series(0.0, index=users.index)
    for axis, column, title in [
        (by_top, "top_category", "by top category"),
        (by_cluster, "cluster_name", "by cluster"),
    ]:
        values = users[column].fillna("none").astype(str)
        palette = _colours(values.unique().tolist())
        for value in sorted(values.unique()):
            chosen = values == value
            axis.scatter(
                users.pc_1[chosen], y[chosen], s=5, alpha=0.5, label=value,
                color=palette[value],
            )  # fmt: skip
        axis.set_xlabel("component 1")
        axis.set_ylabel("component 2")
        axis.set_title(f"Users on the first two components, {title}")
        axis.legend(markerscale=3, fontsize=7, loc="best")
    figure.tight_layout()
    return figure


def draw_cluster_profiles(profiles: pd.DataFrame, clusters: pd.DataFrame) -> Figure:
    """Mean share of likes per category in each cluster (a heat map with the
    values), clusters labelled with name, users and share."""
    table = profiles.pivot_table(
        index="cluster_id", columns="category", values="mean_like_share"
    ).sort_index()
    named = clusters.set_index("cluster_id").reindex(table.index)
    labels = [
        f"{row.cluster_name} (N={row.user_count:,}, {row.user_share:.0%})"
        for row in named.itertuples()
    ]
    figure, axis = _subplots(figsize=(9, 1.0 + 0.55 * len(table)))
    image = axis.imshow(table.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axis.set_xticks(range(len(table.columns)), table.columns)
    axis.set_yticks(range(len(table)), labels)
    for (row, column), value in np.ndenumerate(table.to_numpy()):
        axis.text(
            column, row, f"{value:.2f}", ha="center", va="center", fontsize=8,
            color="white" if value > 0.5 else "black",
        )  # fmt: skip
    figure.colorbar(image, ax=axis, label="mean share of the users' likes")
    axis.set_title("Cluster profiles: what each cluster likes")
    figure.tight_layout()
    return figure


def draw_ad_check(check: pd.DataFrame) -> Figure:
    """Hit rate of each ad method on hidden likes, on the test half (the
    half that never chose), the method served (best on validation) in
    green and named."""
    data = check.sort_values("hit_rate")
    figure, axis = _subplots(figsize=(8, 3.5))
    served = (
        data.is_served.fillna(False).astype(bool)
        if "is_served" in data
        else data.is_rule.astype(bool)
    )
    colours = ["tab:green" if flag else "grey" for flag in served]
    labels = [
        readable(method) + (" (served)" if flag else "")
        for method, flag in zip(data.method, served, strict=True)
    ]
    axis.barh(labels, data.hit_rate, color=colours)
    for position, row in enumerate(data.itertuples()):
        axis.text(row.hit_rate + 0.01, position, f"{row.hit_rate:.1%}", va="center")
    axis.set_xlim(0, 1.1)
    users = int(data.evaluated_user_count.iloc[0]) if len(data) else 0
    share = float(data.hidden_share.iloc[0]) if len(data) else 0.0
    axis.set_xlabel("share of users whose ad is the top category of their hidden likes")
    axis.set_title(
        f"Ad choice, {share:.0%} of likes hidden: test half, {users:,} users"
    )
    figure.tight_layout()
    return figure
