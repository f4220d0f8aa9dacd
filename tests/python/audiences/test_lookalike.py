"""The lookalike similarity fit: signal found, hidden members unseen by the
evaluation fit, one-class input refused, terms as rows."""

import duckdb
import numpy as np
import pandas as pd
import pytest

from audience_warehouse.audiences.lookalike import (
    TERM_COLUMNS,
    fit_similarity,
    lookalike_terms,
)
from audience_warehouse.core.parameters import score_with_coefficients

FEATURES = ["feature_signal", "feature_noise"]


def sample(n: int = 2000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=n)
    member = rng.random(n) < 1 / (1 + np.exp(-(2.5 * signal - 2)))
    hidden = member & (rng.random(n) < 0.2)
    return pd.DataFrame(
        {
            "person_id": rng.permutation(n) + 1,
            "is_member": member,
            "is_hidden": hidden,
            "feature_signal": signal,
            "feature_noise": rng.normal(size=n),
        }
    )


def test_the_fit_finds_the_signal_and_its_rows_score_as_the_sql_does():
    frame = sample()
    terms = fit_similarity(frame, FEATURES, "production", random_state=1)
    assert list(terms.columns) == TERM_COLUMNS
    coefficients = terms.set_index("feature_name").coefficient
    assert coefficients["feature_signal"] > 1.5
    assert abs(coefficients["feature_noise"]) < 0.3
    linear = np.log(score_with_coefficients(frame, terms, "production"))
    members = frame.is_member.to_numpy()
    assert linear[members].mean() > linear[~members].mean() + 1


def test_hidden_members_do_not_reach_the_evaluation_fit():
    frame = sample()
    moved = frame.copy()
    moved.loc[moved.is_hidden, "feature_signal"] = -10.0
    evaluation = fit_similarity(frame, FEATURES, "evaluation", 1)
    pd.testing.assert_frame_equal(
        evaluation, fit_similarity(moved, FEATURES, "evaluation", 1)
    )
    production = fit_similarity(frame, FEATURES, "production", 1)
    assert not production.equals(fit_similarity(moved, FEATURES, "production", 1))


def test_row_order_does_not_change_the_fit():
    frame = sample()
    shuffled = frame.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(
        fit_similarity(frame, FEATURES, "production", 1),
        fit_similarity(shuffled, FEATURES, "production", 1),
    )


def test_one_class_and_unknown_fits_are_refused():
    frame = sample().assign(is_member=True, is_hidden=False)
    with pytest.raises(ValueError, match="only one of them"):
        fit_similarity(frame, FEATURES, "production", 1)
    with pytest.raises(ValueError, match="unknown fit"):
        fit_similarity(sample(), FEATURES, "other", 1)


def test_no_terms_when_not_fitted_and_both_fits_when_fitted():
    empty = lookalike_terms(sample(), FEATURES, fitted=False, random_state=1)
    assert empty.empty and list(empty.columns) == TERM_COLUMNS
    # DuckDB types an empty object column NULL; the fit name must stay text.
    types = duckdb.sql("describe select * from empty").df()
    assert dict(zip(types.column_name, types.column_type, strict=True)) == {
        "target_name": "VARCHAR", "term_kind": "VARCHAR", "feature_name": "VARCHAR",
        "level_value": "VARCHAR", "feature_mean": "DOUBLE", "feature_scale": "DOUBLE",
        "coefficient": "DOUBLE",
    }  # fmt: skip
    both = lookalike_terms(sample(), FEATURES, fitted=True, random_state=1)
    assert set(both.target_name) == {"evaluation", "production"}
    assert len(both) == 2 * (len(FEATURES) + 1)
