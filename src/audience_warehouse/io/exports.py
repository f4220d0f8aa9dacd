"""Write an audience's customer-list upload files from a built warehouse.

The rows come from the view ``int_audience_export_rows`` (normalised and
SHA-256 hashed in SQL, under the platform's field names); this module only
reads them for one audience, in person-key order, and splits them into CSV
files of at most ``batch_size`` rows (the platform takes 10,000 rows per
request), with a summary of usable and dropped values per field and of the
members left out because not one of their fields is usable.

The files are written into a fresh folder beside them and then moved into
``out_dir``, replacing every file an earlier export of the same audience
left there (a smaller batch size never leaves old batches behind); a failed
export leaves the earlier files as they were. An audience key names files,
so it must match ``KEY_PATTERN`` (the build refuses other keys where the
definitions are read).
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from audience_warehouse.io.warehouse import read_only

PLATFORM_BATCH_LIMIT = 10_000
# As int_audience_definitions checks it: no path separator, no `..`.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,100}")


@dataclass(frozen=True)
class AudienceExport:
    """What an export wrote: the batch files, the summary file and table;
    ``people`` exported of the audience's ``members`` (the others have no
    usable field)."""

    audience_key: str
    people: int
    members: int
    batches: list[Path]
    summary_path: Path
    summary: pd.DataFrame


def _schema_of(connection, table: str) -> str:
    rows = connection.execute(
        "select table_schema from information_schema.tables where table_name = ?",
        [table],
    ).fetchall()
    if not rows:
        raise LookupError(
            f"the warehouse has no {table}: build it with `python3 warehouse.py build`"
        )
    return rows[0][0]


def export_audience(
    database: Path,
    audience_key: str,
    out_dir: Path,
    batch_size: int = PLATFORM_BATCH_LIMIT,
    progress: Callable[[str], None] = print,
) -> AudienceExport:
    """Write ``<audience>_batch_0001.csv`` ... and ``<audience>_summary.csv``
    into ``out_dir``, replacing what an earlier export of this audience
    wrote there; returns what was written."""
    if not 1 <= batch_size <= PLATFORM_BATCH_LIMIT:
        raise ValueError(f"batch_size must be 1 to {PLATFORM_BATCH_LIMIT}")
    if not KEY_PATTERN.fullmatch(audience_key):
        raise ValueError(
            f"audience key {audience_key!r} may hold only letters, digits, _ and -"
            " (up to 100): it names the export files"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{audience_key}-", dir=out_dir))
    try:
        people, members, names, summary = _write(
            database, audience_key, fresh, batch_size, progress
        )
        for old in [
            *out_dir.glob(f"{audience_key}_batch_*.csv"),
            out_dir / f"{audience_key}_summary.csv",
        ]:
            old.unlink(missing_ok=True)
        for name in names:
            (fresh / name).replace(out_dir / name)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    batches = [out_dir / name for name in names[:-1]]
    summary_path = out_dir / names[-1]
    return AudienceExport(audience_key, people, members, batches, summary_path, summary)


def _write(
    database: Path,
    audience_key: str,
    folder: Path,
    batch_size: int,
    progress: Callable[[str], None],
) -> tuple[int, int, list[str], pd.DataFrame]:
    """The export's files in ``folder``: people exported, members, the file
    names (batches, then the summary) and the summary table."""
    with read_only(database) as connection:
        marts = _schema_of(connection, "dim_audiences")
        known = [
            row[0]
            for row in connection.execute(
                f"select audience_key from {marts}.dim_audiences order by 1"
            ).fetchall()
        ]
        if audience_key not in known:
            raise LookupError(
                f"unknown audience {audience_key!r}; audiences: {', '.join(known)}"
            )
        schema = _schema_of(connection, "int_audience_export_rows")
        result = connection.execute(
            f"select * exclude (audience_key) from {schema}.int_audience_export_rows"
            " where audience_key = ? order by cast(extern_id as bigint)",
            [audience_key],
        )
        header = [column[0].upper() for column in result.description]
        names: list[str] = []
        people = 0
        while rows := result.fetchmany(batch_size):
            name = f"{audience_key}_batch_{len(names) + 1:04d}.csv"
            with (folder / name).open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(rows)
            names.append(name)
            people += len(rows)
            progress(f"  batch {len(names)}: {len(rows):,} rows -> {name}")
        summary = connection.execute(
            "select field_name, field_status, is_exported, person_count from "
            f"{schema}.int_audience_export_field_counts where audience_key = ? "
            "order by field_name, is_exported desc, field_status",
            [audience_key],
        ).df()
        members_schema = _schema_of(connection, "int_audience_memberships")
        members = connection.execute(
            f"select count(*) from {members_schema}.int_audience_memberships"
            " where audience_key = ?",
            [audience_key],
        ).fetchone()[0]
    rows_summary = pd.DataFrame(
        {
            "field_name": ["ROWS", "ROWS"],
            "field_status": ["exported", "no_usable_identifier"],
            "is_exported": [True, False],
            "person_count": [people, members - people],
        }
    )
    summary = pd.concat([summary, rows_summary], ignore_index=True)
    names.append(f"{audience_key}_summary.csv")
    summary.to_csv(folder / names[-1], index=False, lineterminator="\n")
    return people, members, names, summary


def describe(export: AudienceExport) -> str:
    """A short text summary: rows, batches, and per field usable/dropped."""
    lines = [
        f"{export.audience_key}: {export.people:,} people in "
        f"{len(export.batches)} batch file(s); summary in {export.summary_path}",
        f"  {export.members - export.people:,} of {export.members:,} members left"
        " out: not one usable field",
    ]
    fields = export.summary[export.summary.field_name != "ROWS"]
    for field, rows in fields.groupby("field_name", sort=True):
        usable = int(rows.loc[rows.is_exported, "person_count"].sum())
        dropped = rows.loc[~rows.is_exported]
        reasons = ", ".join(
            f"{status} {int(count):,}"
            for status, count in zip(
                dropped.field_status, dropped.person_count, strict=True
            )
        )
        lines.append(
            f"  {field:<18} usable {usable:>9,}   dropped: {reasons or 'none'}"
        )
    return "\n".join(lines)
