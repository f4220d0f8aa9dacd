"""The audiences domain built from the bundled sample: rows reconcile,
membership and overlap equal independent pandas calculations, the SQL
lookalike equals the fitted model, no personal data reaches a mart, and the
export writes what the platform takes."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.core.parameters import score_with_coefficients
from audience_warehouse.io.exports import describe, export_audience

from ..conftest import ROOT, csv_row_count, rebuild_copy
from . import SAMPLE_EVENT_FILES

pytestmark = pytest.mark.dbt
SEEDS = ROOT / "seeds" / "sample"
SOURCES = SAMPLE_EVENT_FILES


def test_every_raw_row_is_clean_or_rejected_with_the_planted_reasons(sample_warehouse):
    counts = sample_warehouse.query(
        "select event_source, count(*) as n, count(reject_reason) as rejected"
        " from main_intermediate.int_audience_events_validated group by 1"
    ).set_index("event_source")
    for source, file_name in SOURCES.items():
        assert counts.loc[source, "n"] == csv_row_count(SEEDS / file_name), source
    reasons = set(
        sample_warehouse.query(
            "select distinct reject_reason from"
            " main_intermediate.int_audience_events_rejected"
        ).reject_reason
    )
    assert reasons == {
        "unknown_event_type", "unknown_person", "invalid_event_at", "null_person_id",
        "exact_duplicate", "invalid_seconds_watched", "watched_beyond_length",
        "null_video_id",
    }  # fmt: skip
    people = sample_warehouse.query(
        "select reject_reason, count(*) as n"
        " from main_pii.int_audience_people_validated group by 1"
    )
    assert people.n.sum() == csv_row_count(SEEDS / "sample_audience_people.csv")
    assert set(people.reject_reason.dropna()) == {
        "null_person_id",
        "exact_duplicate",
        "conflicting_person_id",
    }
    # A gender written as a missing-value token (the sample plants NA) is
    # missing, like a blank one, never an invalid gender.
    raw = pd.read_csv(
        SEEDS / "sample_audience_people.csv", dtype=str, keep_default_na=False
    )
    statuses = sample_warehouse.query(
        "select cast(person_id as varchar) as person_id, gender_status"
        " from main_pii.int_audience_people_normalised"
    ).set_index("person_id")
    token_ids = set(raw.person_id[raw.gender.str.strip().str.upper() == "NA"])
    token_ids &= set(statuses.index)
    assert len(token_ids) > 50
    assert (statuses.gender_status[sorted(token_ids)] == "missing").all()


def test_membership_equals_a_pandas_calculation(sample_warehouse):
    events = sample_warehouse.query(
        "select * from main_intermediate.int_audience_events_cleaned"
    )
    definitions = sample_warehouse.query(
        "select * from main_intermediate.int_audience_definitions"
    )
    as_of = events.event_at.max()
    rows = []
    for audience in definitions.itertuples():
        chosen = events[events.event_source == audience.source]
        if isinstance(audience.event_type, str):
            chosen = chosen[chosen.event_type == audience.event_type]
        if not pd.isna(audience.video_seconds):
            chosen = chosen[
                (chosen.seconds_watched >= audience.video_seconds)
                | (chosen.seconds_watched >= chosen.video_length_seconds)
            ]
        if not pd.isna(audience.video_percent):
            share = 100 * chosen.seconds_watched / chosen.video_length_seconds
            chosen = chosen[share >= audience.video_percent]
        age = (as_of - chosen.event_at).dt.total_seconds()
        chosen = chosen[(age >= 0) & (age < audience.retention_days * 86400)]
        counts = chosen.groupby("person_id").size()
        rows += [(audience.audience_key, p, n) for p, n in counts.items()]
    expected = pd.DataFrame(rows, columns=["audience_key", "person_id", "n"])
    actual = sample_warehouse.query(
        "select audience_key, person_id, qualifying_event_count as n"
        " from main.fct_audience_memberships"
    )
    key = ["audience_key", "person_id"]
    pd.testing.assert_frame_equal(
        actual.sort_values(key, ignore_index=True).astype({"n": int}),
        expected.sort_values(key, ignore_index=True).astype({"n": int}),
    )
    assert len(expected) > 10_000


def test_overlap_equals_a_pandas_calculation(sample_warehouse):
    members = sample_warehouse.query(
        "select audience_key, person_id from main.fct_audience_memberships"
    )
    sets = members.groupby("audience_key").person_id.agg(set)
    overlap = sample_warehouse.query("select * from main.fct_audience_overlap")
    n = len(sample_warehouse.query("select audience_key from main.dim_audiences"))
    assert len(overlap) == n * (n - 1) // 2
    for row in overlap.sample(200, random_state=1).itertuples():
        a = sets.get(row.audience_key_a, set())
        b = sets.get(row.audience_key_b, set())
        assert row.shared_count == len(a & b)
        union = len(a | b)
        expected = len(a & b) / union if union else np.nan
        assert np.isclose(row.jaccard_index, expected, equal_nan=True)


def test_priority_assignment_and_best_audience_follow_their_rules(sample_warehouse):
    people = sample_warehouse.query("select * from main.dim_audience_people")
    priority = pd.read_csv(ROOT / "seeds" / "reference" / "audiences_priority.csv")
    members = sample_warehouse.query(
        "select audience_key, person_id from main.fct_audience_memberships"
    ).merge(priority, on="audience_key")
    first = members.sort_values("priority").groupby("person_id").audience_key.first()
    assigned = people.set_index("person_id").assigned_audience_key.dropna()
    pd.testing.assert_series_equal(
        assigned.sort_index(), first.sort_index(), check_names=False
    )
    scores = sample_warehouse.query("select * from main.fct_audience_objective_scores")
    best = sample_warehouse.query("select * from main.fct_audience_best_by_objective")
    assert len(best) == 15  # nine legacy and six outcome objectives
    # The served method (bands by default) breaks ties by the shorter
    # window, then the larger audience (test_scoring.py recomputes it all).
    eligible = scores[scores.is_eligible]
    top = eligible.sort_values(
        ["quality_score", "retention_days", "member_count", "audience_key"],
        ascending=[False, True, False, True],
    )
    top = top.groupby(["objective_kind", "objective"]).audience_key.first()
    chosen = best.set_index(["objective_kind", "objective"]).chosen_audience_key
    pd.testing.assert_series_equal(
        chosen.sort_index(), top.sort_index(), check_names=False
    )


def test_the_sql_lookalike_ranks_as_the_fitted_model(sample_warehouse):
    summary = sample_warehouse.query("select * from main.fct_lookalike_summary")
    assert summary.is_fitted[0] and summary.seed_member_count[0] >= 100
    terms = sample_warehouse.query(
        "select * from main_intermediate.int_audience_lookalike_coefficients"
    )
    scores = sample_warehouse.query(
        "select s.fit_name, s.person_id, s.similarity_score, f.*"
        " from main_intermediate.int_audience_lookalike_scores s"
        " join main_intermediate.int_audience_lookalike_features f using (person_id)"
    )
    for fit, rows in scores.groupby("fit_name"):
        expected = np.log(score_with_coefficients(rows, terms, fit))
        np.testing.assert_allclose(rows.similarity_score, expected, rtol=1e-9)
    lookalike = sample_warehouse.query("select * from main.fct_lookalike_audience")
    population = summary.country_population[0]
    assert len(lookalike) == pytest.approx(0.1 * population, abs=1)
    assert lookalike.lookalike_percent.max() == 10
    evaluation = sample_warehouse.query(
        "select * from main.fct_lookalike_evaluation order by tier_percent"
    )
    assert set(evaluation.ranking_method) == {
        "similarity_model",
        "most_active_baseline",
    }
    assert set(evaluation.holdout_part) == {"validation", "test"}
    assert (
        evaluation.groupby(
            ["ranking_method", "holdout_part"]
        ).recall_share.is_monotonic_increasing
    ).all()
    top = evaluation[evaluation.tier_percent == 1]
    assert (top.lift_over_random > 2).all(), "both rankings beat random picking"


def test_the_served_lookalike_is_the_method_that_wins_on_validation(
    sample_warehouse,
):
    """The hidden members split in two seeded halves; pandas counts each
    method's validation recall at the choice tier from the scores, and the
    served ranking (ties to most active first) is the one the marts serve
    and rank the lookalike by."""
    members = sample_warehouse.query(
        "select * from main_intermediate.int_audience_lookalike_members"
    )
    hidden = members[members.is_hidden]
    assert members.holdout_part.isna().equals(~members.is_hidden)
    parts = hidden.holdout_part.value_counts()
    assert abs(parts["validation"] - parts["test"]) <= 1
    scores = sample_warehouse.query(
        "select * from main_intermediate.int_audience_lookalike_scores"
    )
    evaluation = scores[scores.fit_name == "evaluation"]
    summary = sample_warehouse.query("select * from main.fct_lookalike_summary")
    choice = int(summary.choice_percent[0])
    validation = set(hidden[hidden.holdout_part == "validation"].person_id)
    recalls = {
        method: evaluation[
            (evaluation[percent] <= choice) & evaluation.person_id.isin(validation)
        ].person_id.nunique()
        / len(validation)
        for method, percent in [
            ("similarity_model", "lookalike_percent"),
            ("most_active_baseline", "activity_percent"),
        ]
    }
    served = (
        "similarity_model"
        if recalls["similarity_model"] > recalls["most_active_baseline"]
        else "most_active_baseline"
    )
    assert summary.served_method[0] == served
    assert summary.model_validation_recall[0] == pytest.approx(
        recalls["similarity_model"]
    )
    assert summary.baseline_validation_recall[0] == pytest.approx(
        recalls["most_active_baseline"]
    )
    words = summary.method_choice[0]
    loses = words.startswith("the similarity model loses to most active first")
    assert loses == (served == "most_active_baseline"), words
    lookalike = sample_warehouse.query("select * from main.fct_lookalike_audience")
    assert set(lookalike.ranking_method) == {served}
    rank = "similarity_rank" if served == "similarity_model" else "activity_rank"
    assert lookalike.lookalike_rank.equals(lookalike[rank])


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def test_no_mart_holds_personal_data(sample_warehouse):
    """Scan every table and view BI can read (schema main: the marts of every
    domain) for columns named like personal data, e-mail-like and
    phone-like values, and any raw email, phone or name of the people seed
    or name or handle of the interests users seed."""
    raw = pd.read_csv(SEEDS / "sample_audience_people.csv", dtype=str).fillna("")
    secrets = {v.strip().lower() for v in raw.email if "@" in v}
    secrets |= {v.strip() for v in raw.phone if len(re.sub(r"\D", "", v)) >= 7}
    for column in ["first_name", "last_name", "zip_code"]:
        secrets |= {v.strip().lower() for v in raw[column] if len(v.strip()) > 3}
    users = pd.read_csv(SEEDS / "sample_interest_users.csv", dtype=str).fillna("")
    for column in ["name", "handle"]:
        secrets |= {v.strip().lower() for v in users[column] if len(v.strip()) > 3}
    tables = sample_warehouse.query(
        "select table_name from information_schema.tables where table_schema = 'main'"
    ).table_name
    assert len(tables) >= 39
    found = []
    for table in tables:
        frame = sample_warehouse.query(f"select * from main.{table}")
        for column in frame.columns:
            if column in {
                "email", "phone", "first_name", "last_name", "date_of_birth",
                "name", "handle",
            }:  # fmt: skip
                if not frame[column].dropna().map(HEX_DIGEST.fullmatch).all():
                    found.append(f"{table}.{column}: raw personal column")
            if not pd.api.types.is_string_dtype(frame[column]):
                continue
            values = frame[column].dropna().astype(str)
            values = values[~values.map(lambda v: bool(HEX_DIGEST.fullmatch(v)))]
            if values.map(lambda v: bool(EMAIL.search(v))).any():
                found.append(f"{table}.{column}: e-mail-like value")
            phones = values.str.replace(r"[\s().+-]", "", regex=True)
            if phones.str.fullmatch(r"\d{9,15}").any():
                found.append(f"{table}.{column}: phone-like value")
            if set(values.str.strip().str.lower()) & secrets:
                found.append(f"{table}.{column}: a raw personal value of a seed")
    assert not found, found
    pii = sample_warehouse.query(
        "select email from main_pii.int_audience_people_cleaned"
        " where email is not null order by person_id limit 50"
    ).email
    assert pii.map(lambda v: bool(EMAIL.search(v))).any(), "the scan would see one"


def test_export_writes_batches_the_platform_takes(sample_warehouse, tmp_path):
    key = "website_all_visitors_180d"
    written = export_audience(sample_warehouse.path, key, tmp_path, batch_size=1000,
                              progress=lambda _: None)  # fmt: skip
    members = sample_warehouse.query(
        "select count(*) as n from main.fct_audience_memberships"
        f" where audience_key = '{key}'"
    ).n[0]
    frames = [pd.read_csv(path, dtype=str) for path in written.batches]
    assert all(len(frame) <= 1000 for frame in frames)
    assert len(frames) == int(np.ceil(written.people / 1000))
    upload = pd.concat(frames, ignore_index=True)
    assert list(upload.columns) == [
        "EXTERN_ID", "EMAIL", "PHONE", "FN", "LN", "CT", "COUNTRY", "ZIP", "GEN",
        "DOBY", "DOBM", "DOBD",
    ]  # fmt: skip
    hashed = upload.drop(columns="EXTERN_ID").stack().dropna()
    assert hashed.map(lambda v: bool(HEX_DIGEST.fullmatch(v))).all()
    assert upload.EXTERN_ID.is_unique and len(upload) <= members
    summary = written.summary
    for field, rows in summary.groupby("field_name"):
        assert rows.person_count.sum() == members, field
    usable = summary[summary.is_exported].groupby("field_name").person_count.sum()
    assert usable["EMAIL"] == upload.EMAIL.notna().sum()
    assert usable["PHONE"] == upload.PHONE.notna().sum()
    assert "EMAIL" in describe(written)
    assert written.members == members
    rows = summary[summary.field_name == "ROWS"].set_index("field_status")
    assert rows.person_count["exported"] == written.people == len(upload)
    assert rows.person_count["no_usable_identifier"] == members - written.people
    assert f"{members - written.people:,} of {members:,} members left out" in (
        describe(written)
    )
    # Again with larger batches: the earlier export's files are replaced,
    # none left behind; nothing else in the folder is touched.
    other = tmp_path / "other_audience_batch_0001.csv"
    other.write_text("kept\n")
    again = export_audience(sample_warehouse.path, key, tmp_path, batch_size=4000,
                            progress=lambda _: None)  # fmt: skip
    assert sorted(tmp_path.glob(f"{key}_batch_*.csv")) == again.batches
    assert len(again.batches) == int(np.ceil(again.people / 4000)) < len(frames)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [other.name, again.summary_path.name, *(p.name for p in again.batches)]
    )
    with pytest.raises(LookupError, match="unknown audience"):
        export_audience(sample_warehouse.path, "nope", tmp_path)
    # A key names files: one that would leave the folder is refused.
    for bad in ("../../escape_test", "a/b", ""):
        with pytest.raises(ValueError, match="may hold only letters"):
            export_audience(sample_warehouse.path, bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_fit_sample_smaller_than_the_holdout_still_has_visible_members(
    sample_warehouse, tmp_path
):
    """The holdout and the fit sample have independent seeded orders: with
    a sample of 100 (50 members) and 86 hidden members, the evaluation fit
    still sees visible members (it failed before, at 1M people)."""
    rebuilt = rebuild_copy(
        sample_warehouse, tmp_path, "int_audience_lookalike_members+",
        {"audiences_lookalike_sample_size": 100},
    )  # fmt: skip
    sample = rebuilt.query(
        "select is_member, is_hidden, count(*) as n"
        " from main_intermediate.int_audience_lookalike_sample group by all"
    )
    members = sample[sample.is_member]
    assert members.n.sum() == 50
    assert (
        members[~members.is_hidden].n.sum() > 0
        and members[members.is_hidden].n.sum() > 0
    )
    assert rebuilt.query("select is_fitted from main.fct_lookalike_summary").is_fitted[
        0
    ]
