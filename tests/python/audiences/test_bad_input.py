"""Audiences on data we did not bundle: a broken audience list fails naming
the audience; a tiny file set (a short history, too few people for a
lookalike) still builds every mart and says why nothing was fitted."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from audience_warehouse.audiences.generator import generate_audiences

from ..conftest import ROOT, Warehouse
from . import write_generated

pytestmark = pytest.mark.dbt
DEFINITIONS = ROOT / "seeds" / "reference" / "audiences_definitions.csv"


def test_an_audience_beyond_the_platforms_window_fails_naming_it(dbt_runner, tmp_path):
    definitions = pd.read_csv(DEFINITIONS, dtype=str, keep_default_na=False)
    broken = definitions.iloc[:3].copy()
    broken.loc[0, ["audience_key", "retention_days"]] = ["website_menu_200d", "200"]
    broken.loc[1, ["audience_key", "video_seconds"]] = ["my_video_20s", "20"]
    broken.loc[1, "source"] = "video"
    path = tmp_path / "my_audiences.csv"
    broken.to_csv(path, index=False)
    result = dbt_runner(
        tmp_path / "broken.duckdb", "build", "--select", "+int_audience_definitions",
        "--resource-type", "seed", "--resource-type", "model",
        vars_={"audience_definitions_path": str(path)},
    )  # fmt: skip
    assert result.returncode != 0
    assert (
        "audience website_menu_200d: retention_days must be 1 to 180 for a"
        " website audience" in result.output
    )
    assert "audience my_video_20s: video_seconds must be 3, 10 or 15" in result.output


def test_your_own_copy_of_the_audience_list_builds_with_the_unit_tests(
    dbt_runner, tmp_path
):
    # As a user builds: the unit tests run too (the unit test of
    # int_audience_definitions reads its fixtures, not the user's file).
    path = tmp_path / "my_audiences.csv"
    path.write_bytes(DEFINITIONS.read_bytes())
    database = tmp_path / "byo.duckdb"
    result = dbt_runner(
        database, "build", "--select", "+int_audience_definitions",
        "--indirect-selection", "cautious",
        vars_={"audience_definitions_path": str(path)}, unit_tests=True,
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    unit_test = "test_int_audience_definitions_platform_limits"
    assert f"int_audience_definitions::{unit_test}" in result.output
    seed = pd.read_csv(DEFINITIONS, dtype=str, keep_default_na=False)
    built = Warehouse(database).query(
        "select audience_key from main_intermediate.int_audience_definitions"
    )
    assert sorted(built.audience_key) == sorted(seed.audience_key)


def test_a_tiny_short_history_builds_every_mart_and_says_why(dbt_runner, tmp_path):
    data = generate_audiences(60, random_state=9, days=14, dirty_fraction=0.05)
    files = write_generated(data, tmp_path, frozenset({"people", "video_views"}))
    database = tmp_path / "tiny.duckdb"
    result = dbt_runner(
        database, "build", "--select", "tag:audiences",
        vars_={**files, "audiences_as_of_date": "2026-01-14"},
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(database)
    summary = warehouse.query("select * from main.fct_lookalike_summary")
    assert not summary.is_fitted[0]
    assert summary.lookalike_status[0].startswith("seed too small")
    assert summary.method_choice[0].startswith("nothing served: seed too small")
    assert summary.served_method.isna()[0]
    assert (
        warehouse.query("select count(*) as n from main.fct_lookalike_audience").n[0]
        == 0
    )
    audiences = warehouse.query("select * from main.dim_audiences")
    assert (
        len(audiences) == len(pd.read_csv(DEFINITIONS))
        and not audiences.is_eligible.any()
    )
    best = warehouse.query("select * from main.fct_audience_best_by_objective")
    assert best.is_weak.all() and best.chosen_audience_key.isna().all()
    as_of = warehouse.query("select as_of_at from main_intermediate.int_audience_as_of")
    assert str(as_of.as_of_at[0]) == "2026-01-14 23:59:59"
    raw = sum(len(frame) for name, frame in data.tables().items() if name != "people")
    validated = warehouse.query(
        "select count(*) as n from main_intermediate.int_audience_events_validated"
    ).n[0]
    assert validated == raw


def test_generated_junk_in_personal_fields_is_missing_or_normalised(
    dbt_runner, tmp_path
):
    """The generator's real-export shapes (junk_share), built: every one a
    missing field or a valid normalised value, none hashed as typed."""
    plain = generate_audiences(400, random_state=11).people
    people = generate_audiences(400, random_state=11, junk_share=0.25).people
    path = tmp_path / "people.csv"
    people.to_csv(path, index=False, lineterminator="\n")
    database = tmp_path / "junk.duckdb"
    result = dbt_runner(
        database, "build", "--select", "+int_audience_people_normalised",
        "--exclude-resource-type", "unit_test", "--indirect-selection", "cautious",
        # 400 people: most sample events are of unknown people, as meant
        vars_={"audience_people_path": str(path), "reject_fail_share": 1.0},
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    built = (
        Warehouse(database)
        .query("select * from main_pii.int_audience_people_normalised")
        .set_index("person_id")
    )
    junk = people[(people != plain).any(axis=1)].set_index(
        people.person_id.astype(int)[(people != plain).any(axis=1)]
    )
    plain = plain.set_index(plain.person_id.astype(int))
    assert len(junk) >= 80
    # The same person without the junk: what the junk must normalise to.
    before = built.loc[junk.index]
    tab = junk.email.str.startswith("\t")
    assert (
        before.email_normalised[tab]
        == plain.email[tab.index[tab]].str.strip().str.lower()
    ).all() and (before.email_status[tab] == "valid").all()
    extension = junk.phone.str.contains(" ext ")
    number = junk.phone[extension].str.replace(r" ext \d+$", "", regex=True)
    digits = number.str.replace(r"\D", "", regex=True)
    assert extension.sum() >= 10
    for normalised, typed in zip(
        before.phone_normalised[extension], digits, strict=True
    ):
        if len(typed) >= 8:  # a number (not `12345` or `unknown`): without the ext
            assert normalised.endswith(typed[-8:]), (normalised, typed)
    decimal = junk.phone.str.endswith(".0")
    assert (before.phone_normalised[decimal] == junk.phone[decimal].str[:-2]).all()
    assert (before.phone_status[decimal] == "valid").all()
    nfd = junk.first_name == unicodedata.normalize("NFD", "Valéry")
    assert nfd.sum() >= 10
    assert (before.first_name_normalised[nfd] == "valéry").all()
    for column, status in [
        ("city", "city_status"),
        ("last_name", "last_name_status"),
        ("zip_code", "zip_status"),
    ]:
        token = junk[column].isin(["NULL", "#N/A", "nan"])
        assert (before[status][token] == "missing").all(), column
    uk = junk.country == "UK"
    assert uk.sum() >= 10 and (before.country_normalised[uk] == "gb").all()
    assert "uk" not in set(built.country_normalised)
