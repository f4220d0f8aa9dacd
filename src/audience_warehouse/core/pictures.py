"""Pictures that know no domain: pure functions of a mart's rows.

Every ``draw_*`` function in the package takes data frames and returns a
matplotlib Figure, made without pyplot (no global state, no display); the
io layer saves them. :func:`subplots` is the one way figures are made.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator


def subplots(
    nrows: int = 1, ncols: int = 1, **figure_options: Any
) -> tuple[Figure, Any]:
    """A new Figure and its axes (as ``pyplot.subplots``, without pyplot)."""
    figure = Figure(**figure_options)
    return figure, figure.subplots(nrows, ncols)


def ink(strength: float) -> str:
    """Text colour on a heat-map cell whose colour is ``strength`` (0 the
    lightest, 1 the darkest) of the way along its colour map: black on
    light cells, white on dark ones, so every number can be read."""
    return "white" if strength > 0.6 else "black"


def readable(code: str) -> str:
    """A column or method code as a reader's words: ``out_of_time`` ->
    ``out of time``, ``baseline_training_median`` -> ``training median
    (baseline)``."""
    words = str(code).removeprefix("feature_").replace("_", " ")
    if words.startswith("baseline "):
        words = words.removeprefix("baseline ") + " (baseline)"
    return words


def draw_k_selection(k_selection: pd.DataFrame, subject: str) -> Figure:
    """Elbow (inertia) and silhouette per k, chosen k marked."""
    data = k_selection.sort_values("k")
    figure, inertia_axis = subplots(figsize=(7, 4))
    inertia_axis.plot(data["k"], data["inertia"], "o-", color="tab:blue")
    inertia_axis.set_xlabel("k (clusters)")
    inertia_axis.xaxis.set_major_locator(MaxNLocator(integer=True))
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
