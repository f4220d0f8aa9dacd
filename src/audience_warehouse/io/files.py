"""Write generated data to CSV or Parquet files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from audience_warehouse.ads.generator import ads_to_csv
from audience_warehouse.audiences.generator import generate_audiences
from audience_warehouse.fans.generator import (
    engagements_as_text,
    format_timestamps,
    generate_fans,
    table_to_csv,
)
from audience_warehouse.interests.generator import (
    category_map,
    generate_interests,
    interests_long_dirty,
    interests_wide,
)
from audience_warehouse.io.warehouse import ensure_writable_folder


def write_frame(
    frame: pd.DataFrame,
    path: Path,
    to_csv: Callable[[pd.DataFrame], str] = ads_to_csv,
) -> None:
    """Write ``frame`` as CSV (seed format, by ``to_csv``) or Parquet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ensure_writable_folder(path.parent)
    if path.suffix == ".parquet":
        duckdb.from_df(frame).write_parquet(str(path))
    else:
        path.write_text(to_csv(frame), encoding="utf-8", newline="")


def write_fans(
    out_dir: Path,
    users: int,
    events: int,
    seed: int,
    file_format: str,
    dirty_fraction: float,
    prefix: str = "",
    history_days: int | None = None,
    ties_share: float = 0.0,
) -> dict[str, Path]:
    """Write pages, posts (epoch ms) and engagements (ISO text) files;
    ``history_days`` and ``ties_share`` as in :func:`generate_fans`."""
    data = generate_fans(
        users, events, seed, history_days=history_days, ties_share=ties_share
    )
    posts = data.posts.assign(
        posted_at=format_timestamps(data.posts.posted_at, "epoch_ms")
    )
    engagements = engagements_as_text(data.engagements, seed, "iso", dirty_fraction)
    paths = {}
    for name, frame in [
        ("pages", data.pages),
        ("posts", posts),
        ("engagements", engagements),
    ]:
        paths[name] = out_dir / f"{prefix}{name}.{file_format}"
        write_frame(frame, paths[name], table_to_csv)
    return paths


def write_audiences(
    out_dir: Path,
    people: int,
    seed: int,
    file_format: str,
    dirty_fraction: float,
    activity: float = 1.0,
    prefix: str = "",
    junk_share: float = 0.0,
) -> dict[str, Path]:
    """Write people and the four event sources of the audiences domain."""
    data = generate_audiences(
        people,
        seed,
        activity=activity,
        dirty_fraction=dirty_fraction,
        junk_share=junk_share,
    )
    paths = {}
    for name, frame in data.tables().items():
        paths[name] = out_dir / f"{prefix}{name}.{file_format}"
        write_frame(frame, paths[name], table_to_csv)
    return paths


def write_interests(
    out_dir: Path,
    users: int,
    seed: int,
    file_format: str,
    dirty_fraction: float,
    prefix: str = "",
    structure: str = "planted",
) -> dict[str, Path]:
    """Write the interests domain's long form (users, likes, the category
    map) and its wide form (one count column per subcategory), each with
    ``dirty_fraction`` of rows dirty the ways real files are; ``structure``
    as in :func:`generate_interests`."""
    data = generate_interests(users, seed, structure)
    long = interests_long_dirty(data, seed, dirty_fraction)
    frames = {
        "users": long.users,
        "likes": long.likes,
        "category_map": category_map(),
        "wide": interests_wide(data, seed, dirty_fraction),
    }
    paths = {}
    for name, frame in frames.items():
        paths[name] = out_dir / f"{prefix}{name}.{file_format}"
        write_frame(frame, paths[name], table_to_csv)
    return paths
