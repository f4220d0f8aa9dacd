"""The fans event models are incremental, and an incremental build gives
the tables a full refresh gives.

The sample events file is cut: a build loads the first 97 % of its lines;
then lines are appended to the same file (the rest of the sample, which
carries events of users already loaded and of new users, plus an exact copy
of a line already loaded and a brand-new user) and an incremental build
(with every data test) runs. A full build of the grown file on a fresh
warehouse must give identical tables: every table from the loaded file to
the per-user features and the rejects, hashed (the state table aside). The
incremental build must also have done less: the user activity recomputed
only for users with new events."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ..conftest import ROOT, Warehouse, run_dbt, table_hashes

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample" / "sample_fan_engagements.csv"
# The incremental models, everything between them and the per-user
# features, and the rejects: the marts and the Python models downstream are
# recomputed whole each run from these tables, so equal tables here give
# equal marts (and building them here would triple this test's time).
FANS = (
    "--select",
    "+int_fan_user_features",
    "+int_fan_engagements_rejected",
    "--indirect-selection",
    "cautious",
)
MODELS_ONLY = ("--resource-type", "seed", "--resource-type", "model")
FANS_TABLES = "table_name <> 'incremental_state'"


def models_built(directory: Path, vars_: dict) -> Path:
    """A fresh warehouse in ``directory`` with the fans seeds and models."""
    directory.mkdir()
    database = directory / "warehouse.duckdb"
    result = run_dbt(database, "build", *FANS, *MODELS_ONLY, vars_=vars_)
    assert result.returncode == 0, result.output[-4000:]
    return database


def user_count(database: Path) -> int:
    return (
        Warehouse(database)
        .query("select count(*) as n from main_intermediate.int_fan_user_activity")
        .n[0]
    )


def execute(database, sql: str) -> list[tuple]:
    with duckdb.connect(str(database)) as connection:
        return connection.sql(sql).fetchall()


def test_an_incremental_build_equals_a_full_refresh(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    cut = int(len(rows) * 0.97)
    new_user = max(int(u) for row in rows if (u := row.split(",")[0]).isdigit()) + 1
    appended = [
        *rows[cut:],
        rows[0],  # an exact copy of a row already loaded (a valid one)
        f"{new_user},{rows[-1].split(',', 1)[1]}",  # a user never seen
    ]
    assert rows[1].split(",")[3] == "like"  # the event marked below
    events = tmp_path / "events.csv"
    events.write_text("\n".join([header, *rows[:cut]]) + "\n", encoding="utf-8")
    vars_ = {"engagements_path": str(events)}

    incremental = models_built(tmp_path / "incremental", vars_)
    loaded_users = user_count(incremental)

    with events.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(appended) + "\n")
    # Marks on rows an incremental build must not touch, in columns nothing
    # downstream reads: an event already checked, and a user without new
    # events (the watermark of its row; not the largest). Taken off before
    # comparing.
    [(kept_user, last_id)] = execute(
        incremental,
        "select user_id, last_engagement_id"
        " from main_intermediate.int_fan_user_activity"
        f" where user_id not in ({','.join(r.split(',')[0] or '0' for r in appended)})"
        " order by last_engagement_id limit 1",
    )
    execute(
        incremental,
        "update main_intermediate.int_fan_user_activity set last_engagement_id = 0"
        f" where user_id = {kept_user};"
        " update main_intermediate.int_fan_engagements_validated"
        " set engagement_type = 'marked' where engagement_id = 2",
    )
    second = run_dbt(incremental, "build", *FANS, vars_=vars_)
    assert "recomputing it whole" not in second.output, second.output[-4000:]
    marks = execute(
        incremental,
        "select (select last_engagement_id from main_intermediate.int_fan_user_activity"
        f" where user_id = {kept_user}), (select engagement_type from"
        " main_intermediate.int_fan_engagements_validated where engagement_id = 2)",
    )
    assert marks == [(0, "marked")], "rows without anything new were recomputed"
    execute(
        incremental,
        "update main_intermediate.int_fan_user_activity"
        f" set last_engagement_id = {last_id} where user_id = {kept_user};"
        " update main_intermediate.int_fan_engagements_validated"
        " set engagement_type = 'like' where engagement_id = 2",
    )
    assert second.returncode == 0, second.output[-4000:]
    state = execute(
        incremental, "select min(generation), max(generation), count(*)"
        " from main_intermediate.incremental_state",
    )  # fmt: skip
    assert state == [(1, 1, 4)], state

    full = models_built(tmp_path / "full", vars_)
    assert loaded_users < user_count(full)  # the new user
    duplicate = (
        Warehouse(incremental)
        .query(
            "select reject_reason from main_intermediate.int_fan_engagements_validated"
            f" where engagement_id = {len(rows) + 1}"
        )
        .reject_reason
    )
    assert list(duplicate) == ["exact_duplicate"]

    incremental_tables, full_tables = (
        table_hashes(Warehouse(incremental), FANS_TABLES),
        table_hashes(Warehouse(full), FANS_TABLES),
    )
    assert len(full_tables) >= 12 and incremental_tables.keys() == full_tables.keys()
    differing = sorted(
        name for name in full_tables if full_tables[name] != incremental_tables[name]
    )
    assert not differing, f"tables that differ from a full refresh: {differing}"

    # A file cut (not appended to) is reloaded whole, and the log says why.
    events.write_text("\n".join([header, *rows[:100]]) + "\n", encoding="utf-8")
    cut_run = run_dbt(
        incremental, "run", "--select", "stg_facebook_pages__engagements", vars_=vars_
    )
    message = " ".join(cut_run.output.split())
    assert cut_run.returncode == 0, message[-3000:]
    assert (
        "stg_facebook_pages__engagements: its input was not only appended to"
        f" ({len(rows) + 2 - 100} loaded row(s) changed, removed or unreadable in"
        f" '{events}', the first at row 101) since the last build" in message
    ), message[-3000:]
    assert execute(
        incremental,
        "select count(*), max(engagement_id)"
        " from main_staging.stg_facebook_pages__engagements",
    ) == [(100, 100)]
