"""Write an audience's customer-list upload files from a built warehouse.

The rows come from the view ``int_audience_export_rows`` (normalised and
SHA-256 hashed in SQL, under the platform's field names); this module only
reads them for one audience, in person-key order, and splits them into CSV
files of at most ``batch_size`` rows (the platform takes 10,000 rows per
request), with a summary of usable and dropped values per field.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from audience_warehouse.io.warehouse import read_only

PLATFORM_BATCH_LIMIT = 10_000


@dataclass(frozen=True)
class AudienceExport:
    """What an export wrote: the batch files, the summary file and table."""

    audience_key: str
    people: int
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
    into ``out_dir``; returns what was written."""
    if not 1 <= batch_size <= PLATFORM_BATCH_LIMIT:
        raise ValueError(f"batch_size must be 1 to {PLATFORM_BATCH_LIMIT}")
    out_dir.mkdir(parents=True, exist_ok=True)
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
        batches: list[Path] = []
        people = 0
        while rows := result.fetchmany(batch_size):
            path = out_dir / f"{audience_key}_batch_{len(batches) + 1:04d}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(rows)
            batches.append(path)
            people += len(rows)
            progress(f"  batch {len(batches)}: {len(rows):,} rows -> {path.name}")
        summary = connection.execute(
            "select field_name, field_status, is_exported, person_count from "
            f"{schema}.int_audience_export_field_counts where audience_key = ? "
            "order by field_name, is_exported desc, field_status",
            [audience_key],
        ).df()
    summary_path = out_dir / f"{audience_key}_summary.csv"
    summary.to_csv(summary_path, index=False, lineterminator="\n")
    return AudienceExport(audience_key, people, batches, summary_path, summary)


def describe(export: AudienceExport) -> str:
    """A short text summary: rows, batches, and per field usable/dropped."""
    lines = [
        f"{export.audience_key}: {export.people:,} people in "
        f"{len(export.batches)} batch file(s); summary in {export.summary_path}"
    ]
    for field, rows in export.summary.groupby("field_name", sort=True):
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
