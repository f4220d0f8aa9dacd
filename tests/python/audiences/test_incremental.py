"""The audiences event models are incremental, and an incremental build
gives the tables a full refresh gives.

Each of the four sample event files is cut: a build loads the first 97 % of
its lines; then lines are appended to each (the rest of the sample, with
its dirty rows, plus an exact copy of its first line) and an incremental
build (with every data test) runs. A full build of the grown files on a
fresh warehouse must give identical tables (every table from the loaded
files to the clean and rejected events, hashed; the state table aside),
and marks on rows already loaded must survive (they were not re-checked).
Then a person who was unknown joins the people file: the loaded events are
checked again (their person is known now), as a full build would."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ..conftest import ROOT, Warehouse, run_dbt, table_hashes
from . import SAMPLE_EVENT_FILES

pytestmark = pytest.mark.dbt

SAMPLES = ROOT / "seeds" / "sample"
EVENT_FILES = {
    name.removeprefix("sample_audience_").removesuffix(".csv") + "_path": name
    for name in SAMPLE_EVENT_FILES.values()
}
# The incremental models and the models between them and the clean and
# rejected events: memberships, features and scores are recomputed whole
# each run from these tables (they depend on the as-of time).
AUDIENCES = (
    "--select",
    "+int_audience_events_cleaned",
    "+int_audience_events_rejected",
    "--indirect-selection",
    "cautious",
)
MODELS_ONLY = ("--resource-type", "seed", "--resource-type", "model")
TABLES = "table_name <> 'incremental_state'"
VALIDATED = "main_intermediate.int_audience_events_validated"


def execute(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database)) as connection:
        return connection.sql(sql).fetchall()


def build(database: Path, vars_: dict, *extra: str) -> str:
    database.parent.mkdir(exist_ok=True)
    result = run_dbt(database, "build", *AUDIENCES, *extra, vars_=vars_)
    assert result.returncode == 0, result.output[-4000:]
    return result.output


def test_an_incremental_build_equals_a_full_refresh(tmp_path):
    vars_, rest = {}, {}
    for var, name in EVENT_FILES.items():
        lines = (SAMPLES / name).read_text(encoding="utf-8").splitlines()
        header, rows = lines[0], lines[1:]
        cut = int(len(rows) * 0.97)
        path = tmp_path / name
        path.write_text("\n".join([header, *rows[:cut]]) + "\n", encoding="utf-8")
        vars_[var] = str(path)
        rest[path] = [*rows[cut:], rows[0]]  # and an exact copy of a loaded row
    people = tmp_path / "people.csv"
    people.write_text((SAMPLES / "sample_audience_people.csv").read_text("utf-8"))
    vars_["audience_people_path"] = str(people)

    incremental = tmp_path / "incremental" / "warehouse.duckdb"
    build(incremental, vars_, *MODELS_ONLY)
    for path, appended in rest.items():
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(appended) + "\n")
    # A mark on an event already checked, in a column nothing downstream
    # reads again for it: an incremental build must leave it.
    mark = (
        f"update {VALIDATED} set event_type = '{{}}'"
        " where event_source = 'website' and source_row_number = 2"
    )
    [(original,)] = execute(
        incremental,
        f"select event_type from {VALIDATED}"
        " where event_source = 'website' and source_row_number = 2",
    )
    execute(incremental, mark.format("marked"))
    output = build(incremental, vars_)
    assert "recomputing it whole" not in output, output[-4000:]
    assert execute(
        incremental,
        f"select event_type from {VALIDATED}"
        " where event_source = 'website' and source_row_number = 2",
    ) == [("marked",)], "events already loaded were checked again"
    execute(incremental, mark.format(original))
    state = execute(
        incremental,
        "select min(generation), max(generation), count(*) from ("
        " select * from main_staging.incremental_state"
        " union all select * from main_intermediate.incremental_state)",
    )
    assert state == [(1, 1, 6)], state  # four inputs, validated, cleaned
    duplicates = Warehouse(incremental).query(
        f"select event_source, reject_reason from {VALIDATED} as v"
        " where source_row_number = (select max(source_row_number)"
        f" from {VALIDATED} as w where w.event_source = v.event_source)"
    )
    assert sorted(duplicates.event_source) == [
        "facebook",
        "instagram",
        "video",
        "website",
    ]
    assert set(duplicates.reject_reason) == {"exact_duplicate"}

    full = tmp_path / "full" / "warehouse.duckdb"
    build(full, vars_, *MODELS_ONLY)
    incremental_tables = table_hashes(Warehouse(incremental), TABLES)
    full_tables = table_hashes(Warehouse(full), TABLES)
    assert len(full_tables) >= 10 and incremental_tables.keys() == full_tables.keys()
    differing = sorted(
        name for name in full_tables if full_tables[name] != incremental_tables[name]
    )
    assert not differing, f"tables that differ from a full refresh: {differing}"

    # A person known only from rejected events joins the people file: the
    # loaded events are checked again.
    [(person, events)] = execute(
        incremental,
        f"select person_id, count(*) from {VALIDATED}"
        " where reject_reason = 'unknown_person' and person_id not in (select"
        " person_id from main_pii.int_audience_people_validated"
        " where person_id is not null) group by person_id"
        " order by person_id limit 1",
    )
    fields = people.read_text("utf-8").splitlines()[1].split(",")
    fields[:2] = [str(person), f"new.person{person}@example.com"]
    with people.open("a", encoding="utf-8") as handle:
        handle.write(",".join(fields) + "\n")
    output = build(incremental, vars_)
    assert "int_audience_events_validated: its input was not only appended" in (
        " ".join(output.split())
    ), output[-4000:]
    assert execute(
        incremental,
        f"select count(*) from {VALIDATED} where person_id = {person}"
        " and reject_reason = 'unknown_person'",
    ) == [(0,)]
    assert events > 0

    # Every row of a loaded file rewritten (all to one person) and five
    # appended: not an append; the file is reloaded whole and the log says
    # why, and the events downstream are checked anew.
    website = Path(vars_["website_events_path"])
    header, *rows = website.read_text("utf-8").splitlines()
    position = header.split(",").index("person_id")
    rewritten = []
    for row in [*rows, *rows[:5]]:
        fields = row.split(",")
        fields[position] = "8"
        rewritten.append(",".join(fields))
    website.write_text("\n".join([header, *rewritten]) + "\n", encoding="utf-8")
    changed = [n for n, row in enumerate(rows, 1) if row != rewritten[n - 1]]
    assert len(changed) > len(rows) / 2
    output = " ".join(build(incremental, vars_).split())
    assert (
        "stg_restaurant__website_events: its input was not only appended to"
        f" ({len(changed)} loaded row(s) changed, removed or unreadable in"
        f" '{website}', the first at row {changed[0]}) since the last build" in output
    ), output[-4000:]
    assert "int_audience_events_validated: its code, vars, reference data or an" in (
        output
    )
    assert execute(
        incremental,
        "select count(*), count(distinct person_id), min(person_id)"
        f" from {VALIDATED} where event_source = 'website'",
    ) == [(len(rewritten), 1, 8)]
