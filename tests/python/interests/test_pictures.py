"""The interests pictures on inputs the sample never has."""

from __future__ import annotations

import pandas as pd

from audience_warehouse.interests.pictures import draw_distributions


def _texts(figure) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.get_text() for axis in figure.axes for text in axis.texts]


def test_a_file_without_ages_says_so_instead_of_empty_axes():
    """BuddyMove's file has no ages: the age histogram and the scatter say
    so; the liked-posts histogram is drawn."""
    distributions = pd.DataFrame(
        {"measure": ["liked_posts"] * 2, "bin_lower": [1, 2], "bin_upper": [1, 3],
         "user_count": [5, 7]}
    )  # fmt: skip
    users = pd.DataFrame({"age": [None, None], "liked_posts": [3, 4]})
    figure = draw_distributions(distributions, users)
    assert _texts(figure).count("no ages in the input") == 2
    assert len(figure.axes[1].patches) == 2  # the liked-posts bars

    with_ages = users.assign(age=[20.0, 30.0])
    ages = pd.DataFrame(
        {"measure": ["age"] * 2, "bin_lower": [20, 30], "bin_upper": [20, 30],
         "user_count": [1, 1]}
    )  # fmt: skip
    figure = draw_distributions(pd.concat([distributions, ages]), with_ages)
    assert "no ages in the input" not in _texts(figure)
