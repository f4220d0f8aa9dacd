"""Model inputs are named, never guessed.

Every model states its input columns in an explicit list (a dbt var or YAML
meta). :func:`model_inputs` checks a relation's columns against that list:
a listed column that is missing, or a column carrying the feature prefix
that is not listed (a column added for another reason that would otherwise
be easy to feed to a model by mistake), fails with one message naming both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

FEATURE_PREFIX = "feature_"


def model_inputs(
    columns: Iterable[str],
    listed: Sequence[str],
    relation: str,
    prefix: str = FEATURE_PREFIX,
) -> list[str]:
    """``listed``, after checking it against ``columns`` of ``relation``."""
    present = list(columns)
    if not listed:
        raise ValueError(f"{relation}: the list of model inputs is empty")
    duplicated = sorted({name for name in listed if list(listed).count(name) > 1})
    missing = [name for name in listed if name not in present]
    unlisted = [
        name for name in present if name.startswith(prefix) and name not in listed
    ]
    problems = []
    if duplicated:
        problems.append(f"listed twice: {', '.join(duplicated)}")
    if missing:
        problems.append(f"listed but missing: {', '.join(missing)}")
    if unlisted:
        problems.append(
            f"'{prefix}' column(s) not in the input list: {', '.join(unlisted)} "
            "(add them to the list to use them, or rename them)"
        )
    if problems:
        raise ValueError(
            f"model inputs of {relation} do not match the explicit list "
            f"[{', '.join(listed)}]: " + "; ".join(problems)
        )
    return list(listed)


def input_frame(
    frame: pd.DataFrame, key: str, listed: Sequence[str], relation: str
) -> pd.DataFrame:
    """The listed input columns of ``frame`` (checked by :func:`model_inputs`),
    rows in ``key`` order, so a fit does not depend on the order rows arrive
    in."""
    names = model_inputs(frame.columns, listed, relation)
    return frame.sort_values(key, ignore_index=True)[names]
