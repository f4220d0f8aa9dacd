"""Command line: ``audience-warehouse generate-ads --rows N --seed S --out F``.

The only module that writes files; the functions it calls stay pure.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from audience_warehouse.ads.generator import ads_to_csv, generate_ads

SAMPLE_ADS_ROWS = 1200
SAMPLE_ADS_DIRTY_FRACTION = 0.01
SAMPLE_ADS_SEED = 42


def write_frame(frame, path: Path) -> None:
    """Write ``frame`` as CSV (seed format) or Parquet, by ``path``'s suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        duckdb.from_df(frame).write_parquet(str(path))
    else:
        path.write_text(ads_to_csv(frame), encoding="utf-8", newline="")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audience-warehouse")
    commands = parser.add_subparsers(dest="command", required=True)
    ads = commands.add_parser(
        "generate-ads", help="write generated ads in the KAG conversion schema"
    )
    ads.add_argument("--rows", type=int, default=SAMPLE_ADS_ROWS)
    ads.add_argument("--seed", type=int, default=SAMPLE_ADS_SEED)
    ads.add_argument("--dirty-fraction", type=float, default=SAMPLE_ADS_DIRTY_FRACTION)
    ads.add_argument("--out", type=Path, required=True, help=".csv or .parquet")
    args = parser.parse_args(argv)

    if args.command == "generate-ads":
        frame = generate_ads(args.rows, args.seed, args.dirty_fraction)
        write_frame(frame, args.out)
        print(f"wrote {len(frame):,} ads to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
