"""Command line: ``audience-warehouse generate-ads|generate-customers|
generate-fans|generate-audiences|export-audience|export-table ...``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from audience_warehouse.ads.generator import generate_ads
from audience_warehouse.interests.generator import STRUCTURES
from audience_warehouse.io.exports import describe, export_audience
from audience_warehouse.io.files import (
    write_audiences,
    write_fans,
    write_frame,
    write_interests,
)
from audience_warehouse.io.warehouse import (
    caller_path,
    default_database,
    export_marts,
    export_table,
    write_denied_message,
)
from audience_warehouse.segmentation.generator import (
    customers_to_csv,
    generate_customers,
)

SAMPLE_ADS_ROWS = 1200
SAMPLE_ADS_DIRTY_FRACTION = 0.01
SAMPLE_ADS_SEED = 42
SAMPLE_CUSTOMERS_ROWS = 3000
SAMPLE_CUSTOMERS_DIRTY_FRACTION = 0.005
SAMPLE_CUSTOMERS_SEED = 42
SAMPLE_FAN_USERS = 2000
SAMPLE_FAN_EVENTS = 25000
SAMPLE_FAN_DIRTY_FRACTION = 0.002
SAMPLE_FAN_SEED = 42
SAMPLE_AUDIENCE_PEOPLE = 5000
SAMPLE_AUDIENCE_DIRTY_FRACTION = 0.002
SAMPLE_AUDIENCE_SEED = 42
SAMPLE_INTEREST_USERS = 3000
SAMPLE_INTEREST_SEED = 42
SAMPLE_INTEREST_DIRTY_FRACTION = 0.004


def _add_common_arguments(
    parser: argparse.ArgumentParser, rows: int, seed: int, things: str
) -> None:
    parser.add_argument(
        "--rows", type=int, default=rows, help=f"{things} to write (default {rows})"
    )
    parser.add_argument(
        "--seed", type=int, default=seed, help=f"random seed (default {seed})"
    )
    parser.add_argument(
        "--dirty-fraction",
        type=float,
        default=0.0,
        help="share of rows made invalid on purpose, to exercise the rejects "
        "(default 0; the bundled sample seed uses a small share)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="output file, .csv or .parquet"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audience-warehouse")
    commands = parser.add_subparsers(dest="command", required=True)
    ads = commands.add_parser(
        "generate-ads", help="write generated ads in the KAG conversion schema"
    )
    _add_common_arguments(ads, SAMPLE_ADS_ROWS, SAMPLE_ADS_SEED, "ads")
    customers = commands.add_parser(
        "generate-customers",
        help="write generated customers in the segmentation schema",
    )
    _add_common_arguments(
        customers, SAMPLE_CUSTOMERS_ROWS, SAMPLE_CUSTOMERS_SEED, "customers"
    )
    fans = commands.add_parser(
        "generate-fans",
        help="write generated pages, posts and engagements (know your fans)",
    )
    fans.add_argument("--users", type=int, default=SAMPLE_FAN_USERS)
    fans.add_argument("--events", type=int, default=SAMPLE_FAN_EVENTS)
    fans.add_argument("--seed", type=int, default=SAMPLE_FAN_SEED)
    fans.add_argument("--dirty-fraction", type=float, default=0.0)
    fans.add_argument(
        "--history-days",
        type=int,
        default=None,
        help="a short history: every post and engagement within this many "
        "days (default: the full 120)",
    )
    fans.add_argument(
        "--ties-share",
        type=float,
        default=0.0,
        help="heavy ties: this share of users make one identical like (default 0)",
    )
    fans.add_argument("--format", choices=["csv", "parquet"], default="csv")
    fans.add_argument("--prefix", default="", help="file name prefix, e.g. sample_fan_")
    fans.add_argument("--out-dir", type=Path, required=True)
    audiences = commands.add_parser(
        "generate-audiences",
        help="write generated people, website events, video views, Facebook "
        "and Instagram actions (custom audiences)",
    )
    audiences.add_argument("--people", type=int, default=SAMPLE_AUDIENCE_PEOPLE)
    audiences.add_argument(
        "--activity",
        type=float,
        default=1.0,
        help="scales events per person (about 6 per person at 1.0)",
    )
    audiences.add_argument("--seed", type=int, default=SAMPLE_AUDIENCE_SEED)
    audiences.add_argument("--dirty-fraction", type=float, default=0.0)
    audiences.add_argument(
        "--junk-share",
        type=float,
        default=0.0,
        help="share of people with a personal field in a real export's shape "
        "(a tab, a phone extension, a phone as a decimal, NFD, a token, UK)",
    )
    audiences.add_argument("--format", choices=["csv", "parquet"], default="csv")
    audiences.add_argument("--prefix", default="", help="e.g. sample_audience_")
    audiences.add_argument("--out-dir", type=Path, required=True)
    interests = commands.add_parser(
        "generate-interests",
        help="write generated social users, their likes, the category map and "
        "the wide form (interests)",
    )
    interests.add_argument("--users", type=int, default=SAMPLE_INTEREST_USERS)
    interests.add_argument("--seed", type=int, default=SAMPLE_INTEREST_SEED)
    interests.add_argument("--dirty-fraction", type=float, default=0.0)
    interests.add_argument(
        "--structure",
        choices=STRUCTURES,
        default="planted",
        help="planted: taste groups by age (default); none: every user's "
        "likes from one distribution, no groups to find",
    )
    interests.add_argument("--format", choices=["csv", "parquet"], default="csv")
    interests.add_argument("--prefix", default="")
    interests.add_argument("--out-dir", type=Path, required=True)
    upload = commands.add_parser(
        "export-audience",
        help="write an audience's customer-list upload files (hashed, in "
        "batches of at most 10,000 rows) and a summary",
    )
    upload.add_argument("--audience", required=True, help="audience_key to export")
    upload.add_argument("--db", type=Path, default=default_database())
    upload.add_argument("--out", type=Path, required=True, help="output folder")
    upload.add_argument("--batch-size", type=int, default=10_000)
    marts = commands.add_parser(
        "export-marts",
        help="copy the marts (schema main only: no personal data) into a new "
        "DuckDB file for BI",
    )
    marts.add_argument("--db", type=Path, default=default_database())
    marts.add_argument("--out", type=Path, required=True, help="new .duckdb file")
    export = commands.add_parser(
        "export-table",
        help="write a warehouse table to .parquet or .csv (e.g. fitted parameters "
        "to reuse with segmentation_parameters_path)",
    )
    export.add_argument("table", help="schema.table, e.g. main.dim_segments")
    export.add_argument("--db", type=Path, default=default_database())
    export.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        _run(args)
    except OSError as error:
        message = write_denied_message(
            error,
            "Choose an output (--out, --out-dir) in a folder you can write"
            " to, or get write access to this one; nothing was written there.",
        )
        if message is None:
            raise
        parser.exit(1, f"{parser.prog} {args.command}: {message}\n")
    return 0


def _run(args: argparse.Namespace) -> None:
    """Carry out the parsed command."""
    if args.command == "generate-ads":
        frame = generate_ads(args.rows, args.seed, args.dirty_fraction)
        write_frame(frame, args.out)
        print(f"wrote {len(frame):,} ads to {args.out}")
    elif args.command == "generate-customers":
        frame = generate_customers(
            args.rows, args.seed, dirty_fraction=args.dirty_fraction
        )
        write_frame(frame, args.out, customers_to_csv)
        print(f"wrote {len(frame):,} customers to {args.out}")
    elif args.command == "generate-fans":
        paths = write_fans(
            args.out_dir, args.users, args.events, args.seed, args.format,
            args.dirty_fraction, args.prefix, args.history_days, args.ties_share,
        )  # fmt: skip
        print("wrote " + ", ".join(str(path) for path in paths.values()))
    elif args.command == "generate-audiences":
        paths = write_audiences(
            args.out_dir, args.people, args.seed, args.format,
            args.dirty_fraction, args.activity, args.prefix, args.junk_share,
        )  # fmt: skip
        print("wrote " + ", ".join(str(path) for path in paths.values()))
    elif args.command == "generate-interests":
        paths = write_interests(
            args.out_dir, args.users, args.seed, args.format,
            args.dirty_fraction, args.prefix, args.structure,
        )  # fmt: skip
        print("wrote " + ", ".join(str(path) for path in paths.values()))
    elif args.command == "export-audience":
        print(f"exporting {args.audience} from {args.db} to {caller_path(args.out)}")
        written = export_audience(
            args.db, args.audience, caller_path(args.out), args.batch_size
        )
        print(describe(written))
    elif args.command == "export-marts":
        started = time.perf_counter()
        out = caller_path(args.out)
        tables = export_marts(
            args.db, out, progress=lambda line: print(line, flush=True)
        )
        print(
            f"copied {len(tables)} marts to {out} "
            f"({out.stat().st_size / 2**20:.1f} MiB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
    elif args.command == "export-table":
        rows = export_table(args.db, args.table, args.out)
        print(f"wrote {rows:,} rows of {args.table} to {args.out}")


if __name__ == "__main__":
    raise SystemExit(main())
