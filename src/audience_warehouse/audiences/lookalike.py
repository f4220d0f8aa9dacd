"""Lookalike audiences: who resembles the seed audience's members.

The similarity model is a logistic regression on standardised features,
seed members (1) against the other people of the seed's country (0), fitted
on a bounded seeded sample. Its terms (scaler and coefficients) are written
as rows (:func:`audience_warehouse.core.parameters.glm_term` layout), so SQL
scores every person of the country: the linear score ranks people exactly as
the fitted probability does (``core.parameters.score_with_coefficients``
is its numpy reference: the log of its result is the linear score). Two
fits: ``evaluation`` leaves the hidden members out (they are to be found
again), ``production`` uses every member.
"""

from __future__ import annotations

import pandas as pd
from sklearn.linear_model import LogisticRegression

from audience_warehouse.core.inputs import input_frame
from audience_warehouse.core.parameters import glm_term
from audience_warehouse.core.scaling import standardise
from audience_warehouse.core.threads import one_thread

TERM_COLUMNS: list[str] = [
    "target_name", "term_kind", "feature_name", "level_value", "feature_mean",
    "feature_scale", "coefficient",
]  # fmt: skip
FITS: dict[str, str] = {
    # fit name -> which sample rows are positives; hidden members are left
    # out of the evaluation fit entirely (neither member nor non-member).
    "evaluation": "visible members",
    "production": "all members",
}


def fit_similarity(
    sample: pd.DataFrame,
    features: list[str],
    fit_name: str,
    random_state: int,
    relation: str = "int_audience_lookalike_sample",
) -> pd.DataFrame:
    """Term rows of one fit from a sample with ``person_id``, ``is_member``,
    ``is_hidden`` and the listed feature columns."""
    if fit_name == "evaluation":
        rows = sample[~sample["is_hidden"].astype(bool)]
    elif fit_name == "production":
        rows = sample
    else:
        raise ValueError(f"unknown fit {fit_name!r}: expected one of {list(FITS)}")
    labels = rows.sort_values("person_id")["is_member"].astype(bool).to_numpy()
    if labels.all() or not labels.any():
        raise ValueError(
            f"{relation}: the {fit_name} fit needs seed members and other "
            "people of the country; found only one of them"
        )
    scaled, means, scales = standardise(
        input_frame(rows, "person_id", features, relation)
    )
    one_thread()  # see core.threads
    model = LogisticRegression(C=1.0, max_iter=1000, random_state=random_state)
    model.fit(scaled, labels)
    terms = [
        glm_term(fit_name, "intercept", None, None, None, None, model.intercept_[0])
    ]
    terms += [
        glm_term(fit_name, "numeric", name, None, mean, scale, coefficient)
        for name, mean, scale, coefficient in zip(
            features, means, scales, model.coef_[0], strict=True
        )
    ]
    return pd.DataFrame(terms, columns=TERM_COLUMNS)


def lookalike_terms(
    sample: pd.DataFrame, features: list[str], fitted: bool, random_state: int
) -> pd.DataFrame:
    """Both fits' term rows, or no rows when the seed is not fitted (the
    reason is in int_audience_lookalike_seed). The empty frame's text
    columns are typed strings: DuckDB types an empty object column NULL,
    and a fit name typed NULL turns every 'evaluation' into null downstream
    (a dbt unit test casts its given rows to the parent's types)."""
    if not fitted:
        numbers = {"feature_mean", "feature_scale", "coefficient"}
        return pd.DataFrame(
            {
                column: pd.Series(dtype="float64" if column in numbers else "string")
                for column in TERM_COLUMNS
            }
        )
    return pd.concat(
        [fit_similarity(sample, features, name, random_state) for name in FITS],
        ignore_index=True,
    )
