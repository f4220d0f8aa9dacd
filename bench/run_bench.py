"""Benchmark: time builds and record wall time, peak memory, rows/s.

    python3 warehouse.py bench [--rows 1000000] [--customers N] ...

Scenarios (each a fresh DuckDB file, so nothing is cached between them):
  sample         the whole project on the bundled seeds (every domain, every
                 test, parse included): the README's build
  ads_<N>        generate N ads with the seeded generator (timed apart), then
                 build the ads domain on that CSV through var ads_path
  customers_<N>  the same for N customers through var customers_path
                 (the segmentation domain)
  fans_<E>       E engagement events by U users (pages and posts to match),
                 written as Parquet with epoch-millisecond timestamps, through
                 vars pages_path, posts_path and engagements_path; beside it,
                 the same job the notebook way (bench/notebook_fans.py) and
                 the bare-DuckDB floor (one query of the per-user features)
  audiences_<E>  P people and about E events (website, video, Facebook,
                 Instagram), written as Parquet (text columns, as a CRM or
                 event export holds them), through the five audiences vars;
                 then about 1 % new events (a second file per source in
                 the same glob) and an incremental build of the models
  interests_<U>  U social-platform users and their likes (long form, Parquet,
                 1% dirty), through vars interest_users_path and
                 interest_likes_path
  fans_scale_<E> (with --fans-scale E1,E2,...) E events by E/10 users,
                 generated and written in parts of at most 10M events (one
                 glob), the fans models only (dbt run), the floor beside them,
                 and the most DuckDB spilled to disk: does the cost grow
                 linearly, and does a size larger than memory complete
                 within the memory limit? No notebook way at these sizes past
                 10M (it holds every event in pandas: about 340 bytes an
                 event, 34 GB at 100M on a 24 GiB machine).
A domain scenario seeds and parses first (not timed), then times the
domain's models only (dbt run -s tag:<domain>; dbt's own elapsed time is
kept too, without its start-up) and its models with every test (dbt build).
A size of 0 skips a scenario; the results of scenarios not run are kept
from the previous run (each row carries its date).

Peak memory is the maximum resident set size of the dbt process (Python
models run inside it), read from the operating system when it exits.
Results go to bench/results.json (machine-readable) and bench/RESULTS.md.
This is a measurement, not a test: nothing here passes or fails on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from audience_warehouse.ads.generator import ads_to_csv, generate_ads
from audience_warehouse.audiences.generator import generate_audiences
from audience_warehouse.fans.generator import generate_fans, table_to_csv
from audience_warehouse.io.files import write_audiences, write_frame, write_interests
from audience_warehouse.segmentation.generator import (
    customers_to_csv,
    generate_customers,
)

ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"
RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"


PROGRESS_EVERY_SECONDS = 15.0
DBT_NODE_DONE = re.compile(rb"\b(\d+) of (\d+) (OK|PASS|WARN|ERROR|FAIL|SKIP)\b")


# The peak memory of a command must be its own: a child forked from this
# process starts with this process's memory (the generated data) counted in
# its maximum resident set, before it execs. So every command runs under a
# small fresh Python that forks it, waits for it and reports its child's
# maximum resident set size (KiB on Linux) on the last line of its output.
PEAK_WRAPPER = (
    "import os, subprocess, sys; "
    "child = subprocess.Popen(sys.argv[1:]); "
    "_, status, usage = os.wait4(child.pid, 0); "
    "print(f'PEAK_RSS_KIB {usage.ru_maxrss}', flush=True); "
    "sys.exit(os.waitstatus_to_exitcode(status))"
)


def measure(
    command: list[str], env: dict[str, str], spill: Path | None = None
) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, its peak RSS in MiB). Fails
    loudly.

    dbt's output is read as it comes: every 15 s a line says how many of
    its nodes are done (dbt's own log stays in the log folder). With
    ``spill`` (DuckDB's temporary directory) a thread polls its size twice a
    second; the largest is kept in ``SPILL_PEAK_MIB[spill]``."""
    polling = threading.Event()
    if spill is not None:
        threading.Thread(target=_poll_spill, args=(spill, polling), daemon=True).start()
    try:
        return _measure(command, env)
    finally:
        polling.set()


SPILL_PEAK_MIB: dict[Path, float] = {}


def _poll_spill(directory: Path, stop: threading.Event) -> None:
    while not stop.wait(0.5):
        try:
            size = sum(path.stat().st_size for path in directory.rglob("*"))
        except OSError:  # a file removed while listed
            continue
        peak = max(SPILL_PEAK_MIB.get(directory, 0.0), size / 2**20)
        SPILL_PEAK_MIB[directory] = peak


def _group_rss_mib(group: int) -> float:
    """The summed resident memory of the processes of process group
    ``group`` (a Spark build: Python, and the JVM it starts), from /proc."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while listed
            continue
        if int(fields[2]) == group:  # pgrp; rss is the 22nd field after comm
            total += int(fields[21]) * page
    return total / 2**20


GROUP_PEAK_MIB: dict[int, float] = {}


def _poll_group(group: int, stop: threading.Event) -> None:
    while not stop.wait(0.5):
        peak = max(GROUP_PEAK_MIB.get(group, 0.0), _group_rss_mib(group))
        GROUP_PEAK_MIB[group] = peak


def _measure(
    command: list[str], env: dict[str, str], group_peak: list[float] | None = None
) -> tuple[float, float]:
    started = last_report = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", PEAK_WRAPPER, *command],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        # Its own process group, whose memory is summed (_group_rss_mib).
        start_new_session=group_peak is not None,
    )  # fmt: skip
    polling = threading.Event()
    if group_peak is not None:
        threading.Thread(
            target=_poll_group, args=(process.pid, polling), daemon=True
        ).start()
    tail: list[bytes] = []
    peak_kib = 0.0
    done, count = "none yet (dbt is parsing)", 0
    for line in process.stdout or []:
        if line.startswith(b"PEAK_RSS_KIB "):
            peak_kib = float(line.split()[1])
            continue
        tail = [*tail[-200:], line]
        if match := DBT_NODE_DONE.search(line):
            count = max(count, int(match[1]))  # nodes finish out of order
            done = f"{count} of {int(match[2])}"
        now = time.perf_counter()
        if now - last_report >= PROGRESS_EVERY_SECONDS:
            nodes = f", dbt nodes done: {done}" if command[0] == str(DBT) else ""
            print(f"    ... {now - started:.0f} s{nodes}", flush=True)
            last_report = now
    returncode = process.wait()
    wall = time.perf_counter() - started
    polling.set()
    if group_peak is not None:
        group_peak.append(GROUP_PEAK_MIB.get(process.pid, 0.0))
    if returncode != 0:
        output = b"".join(tail).decode(errors="replace")
        sys.stdout.write(output[-5000:])
        raise CommandFailed(
            f"benchmark command failed: {' '.join(command)}", output, wall,
            peak_kib / 1024.0,
        )  # fmt: skip
    return wall, peak_kib / 1024.0


class CommandFailed(SystemExit):
    """A measured command failed; ``errors`` are the distinct error lines of
    its output (dbt's "... Error: ..." lines), ``wall`` its time until then."""

    def __init__(self, message: str, output: str, wall: float, peak: float) -> None:
        super().__init__(message)
        self.peak = peak
        lines = [line.strip() for line in output.splitlines()]
        self.errors = list(dict.fromkeys(line for line in lines if "Error:" in line))
        self.wall = wall


def _dbt(work: Path, name: str, *args: str, vars_: dict | None = None) -> list[str]:
    command = [
        str(DBT), *args,
        "--target-path", str(work / f"target_{name}"),
        "--log-path", str(work / f"logs_{name}"),
    ]  # fmt: skip
    return command + (["--vars", json.dumps(vars_)] if vars_ else [])


def build(
    work: Path, name: str, rows: int, vars_: dict | None = None, tag: str = ""
) -> dict:
    """Time a build on a fresh DuckDB file. Without ``tag``: the whole
    project, parse included, every test (the README's build). With a
    domain ``tag``: its seeds and a parse first (not timed, as a user's
    second run finds them), then its models only (``dbt run``), then its
    models with every test (``dbt build``), each timed."""
    database = work / f"{name}.duckdb"
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": str(database)}
    result: dict = {"scenario": name, "input_rows": rows}
    if tag:
        select = ["-s", f"tag:{tag}"]
        measure(_dbt(work, name, "seed", *select, vars_=vars_), env)
        wall, peak = measure(_dbt(work, name, "run", *select, vars_=vars_), env)
        result.update(
            models_seconds=round(wall, 2),
            models_peak_mib=round(peak, 1),
            # dbt's own time for the models, without its start-up and parse.
            models_dbt_seconds=round(_dbt_elapsed(work / f"target_{name}"), 2),
        )
        # --full-refresh: the incremental models were just built by the run;
        # the build must redo them, not find nothing new.
        command = _dbt(
            work, name, "build", *select, "--exclude", "resource_type:seed",
            "--full-refresh", vars_=vars_,
        )  # fmt: skip
    else:
        command = _dbt(work, name, "build", "--no-partial-parse", vars_=vars_)
    wall, peak = measure(command, env)
    result.update(
        wall_seconds=round(wall, 2),
        peak_memory_mib=round(peak, 1),
        rows_per_second=round(rows / result.get("models_seconds", wall), 1),
        database_mib=round(database.stat().st_size / 2**20, 1),
    )
    return result


def _resets(work: Path, name: str) -> int:
    """Incremental models recomputed whole in the scenario's dbt runs (the
    first build and the full refresh log none): 0 when the incremental
    build appended only."""
    log = (work / f"logs_{name}" / "dbt.log").read_text(errors="replace")
    return log.count("recomputing it whole")


def _dbt_elapsed(target: Path) -> float:
    return float(json.loads((target / "run_results.json").read_text())["elapsed_time"])


# The floor: one DuckDB query computing the per-user activity features from
# the engagements file, with the project's memory limit and threads.
FANS_FLOOR_SQL = """
set memory_limit = '{memory}'; set threads = {threads};
create table fan_users as
select
    user_id,
    count(*) as engagement_count,
    count(*) filter (where engagement_type = 'like') as like_count,
    count(*) filter (where engagement_type = 'comment') as comment_count,
    count(*) filter (where engagement_type = 'share') as share_count,
    count(distinct page_id) as distinct_page_count,
    count(distinct post_id) as distinct_post_count,
    count(distinct engaged_at // 86400000) as active_day_count,
    min(engaged_at) as first_engaged_at,
    max(engaged_at) as last_engaged_at
from read_parquet('{path}')
where user_id is not null and engaged_at is not null
group by user_id;
"""


def fans_side_by_side(work: Path, engagements: Path, seed: int) -> dict:
    """The notebook way and the bare-DuckDB floor on the same file."""
    python = sys.executable
    notebook = [python, str(ROOT / "bench" / "notebook_fans.py"), str(engagements),
                str(work / "notebook_out"), "--seed", str(seed)]  # fmt: skip
    notebook_wall, notebook_peak = measure(notebook, dict(os.environ))
    return {
        "notebook_seconds": round(notebook_wall, 2),
        "notebook_peak_mib": round(notebook_peak, 1),
        **fans_floor(work / "floor.duckdb", engagements),
    }


def fans_floor(database: Path, engagements: Path) -> dict:
    """The bare-DuckDB floor: one query of the per-user features."""
    floor_sql = FANS_FLOOR_SQL.format(
        memory=os.environ.get("AUDIENCE_WAREHOUSE_MEMORY_LIMIT", "1GB"),
        threads=os.environ.get("AUDIENCE_WAREHOUSE_THREADS", "2"),
        path=engagements,
    )
    floor = [sys.executable, "-c", "import duckdb, sys; "
             "duckdb.connect(sys.argv[1]).execute(sys.argv[2])",
             str(database), floor_sql]  # fmt: skip
    floor_wall, floor_peak = measure(floor, dict(os.environ))
    return {
        "floor_seconds": round(floor_wall, 2),
        "floor_peak_mib": round(floor_peak, 1),
    }


def generated_build(
    work: Path, name: str, rows: int, frame_of, to_csv, var: str, tag: str
) -> dict:
    """Generate ``rows`` rows to a CSV (timed apart), then build on it."""
    started = time.perf_counter()
    path = work / f"{name}.csv"
    write_frame(frame_of(rows), path, to_csv)
    generate_seconds = time.perf_counter() - started
    result = build(work, name, rows, {var: str(path)}, tag=tag)
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(path.stat().st_size / 2**20, 1)
    return result


def fans_build(work: Path, users: int, events: int, seed: int) -> dict:
    """Generate fans data as Parquet (timed apart), then build on it; then
    append 1 % new events (a file beside the first, read through the same
    glob) and time the incremental build of the models."""
    started = time.perf_counter()
    data = generate_fans(users, events, seed)
    paths = {}
    (work / "fans_engagements").mkdir(exist_ok=True)
    for name, path, frame in [
        ("pages", work / "fans_pages.parquet", data.pages),
        ("posts", work / "fans_posts.parquet",
         data.posts.assign(posted_at=_epoch_ms(data.posts.posted_at))),
        ("engagements", work / "fans_engagements" / "part-0.parquet",
         data.engagements.assign(engaged_at=_epoch_ms(data.engagements.engaged_at))),
    ]:  # fmt: skip
        write_frame(frame, path, table_to_csv)
        paths[f"{name}_path"] = str(path)
    # New events: 1 % of the events again, one day later (same users and
    # posts; the as-of date moves on, as it does when data arrives).
    appended = data.engagements.sample(frac=0.01, random_state=seed)
    appended = appended.assign(
        engaged_at=_epoch_ms(appended.engaged_at + pd.Timedelta(days=1))
    )
    del data
    paths["engagements_path"] = str(work / "fans_engagements" / "part-*.parquet")
    generate_seconds = time.perf_counter() - started
    name = f"fans_{events}"
    result = build(work, name, events, paths, tag="fans")
    result.update(fans_side_by_side(work, Path(paths["engagements_path"]), seed))
    write_frame(appended, work / "fans_engagements" / "part-1.parquet", table_to_csv)
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": str(work / f"{name}.duckdb")}
    wall, _ = measure(_dbt(work, name, "run", "-s", "tag:fans", vars_=paths), env)
    result.update(
        appended_rows=len(appended),
        incremental_seconds=round(wall, 2),
        incremental_dbt_seconds=round(_dbt_elapsed(work / f"target_{name}"), 2),
        incremental_resets=_resets(work, name),
    )
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(
        sum(path.stat().st_size for path in work.glob("fans_*.parquet")) / 2**20
        + sum(path.stat().st_size for path in (work / "fans_engagements").iterdir())
        / 2**20,
        1,
    )
    result["users"] = users
    return result


# dbt's threads in the scale runs (None: the profile's two).
SCALE_DBT_THREADS: int | None = None
# Events per part file in the scale runs: generated one part at a time, so
# the generator's memory is bounded whatever the size.
SCALE_PART_EVENTS = 10_000_000


def write_scale_parts(folder: Path, events: int, seed: int) -> dict[str, str]:
    """``events`` engagements by ``events // 10`` users as Parquet parts of
    at most ``SCALE_PART_EVENTS`` (each part generated alone: same pages and
    posts, its own users, user ids offset so parts never share a user);
    returns the fans vars pointing at them."""
    users = max(1, events // 10)
    parts = -(-events // SCALE_PART_EVENTS)
    folder.mkdir()
    for part in range(parts):
        part_events = events // parts + (part < events % parts)
        part_users = users // parts + (part < users % parts)
        data = generate_fans(
            part_users, part_events, seed, users_random_state=seed + 1 + part
        )
        engagements = data.engagements.assign(
            user_id=data.engagements.user_id + part * (users // parts + 1),
            engaged_at=_epoch_ms(data.engagements.engaged_at),
        )
        write_frame(engagements, folder / f"part-{part:03d}.parquet", table_to_csv)
        if part == 0:
            write_frame(data.pages, folder / "pages.parquet", table_to_csv)
            posts = data.posts.assign(posted_at=_epoch_ms(data.posts.posted_at))
            write_frame(posts, folder / "posts.parquet", table_to_csv)
        del data, engagements
        print(f"    ... generated part {part + 1} of {parts}", flush=True)
    return scale_paths(folder)


def scale_paths(folder: Path) -> dict[str, str]:
    """The fans vars pointing at a folder written by write_scale_parts."""
    return {
        "pages_path": str(folder / "pages.parquet"),
        "posts_path": str(folder / "posts.parquet"),
        "engagements_path": str(folder / "part-*.parquet"),
    }


def fans_scale_build(work: Path, events: int, seed: int) -> dict:
    """The fans models only on ``events`` events by ``events // 10`` users
    (the bench's 10M-by-1M ratio), written in parts of at most 10M events
    (same pages and posts, each part its own users); the floor on the same
    files; the most DuckDB spilled to its temporary directory."""
    started = time.perf_counter()
    users = max(1, events // 10)
    folder = work / f"scale_{events}"
    paths = write_scale_parts(folder, events, seed)
    generate_seconds = time.perf_counter() - started
    name = f"fans_scale_{events}"
    database = work / f"{name}.duckdb"
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": str(database)}
    select = ["-s", "tag:fans"]
    measure(_dbt(work, name, "seed", *select, vars_=paths), env)
    spill = Path(f"{database}.tmp")  # DuckDB's default temporary directory
    threads = ["--threads", str(SCALE_DBT_THREADS)] if SCALE_DBT_THREADS else []
    run = _dbt(work, name, "run", *select, *threads, vars_=paths)
    failed = None
    try:
        wall, peak = measure(run, env, spill)
        dbt_seconds = round(_dbt_elapsed(work / f"target_{name}"), 2)
    except CommandFailed as failure:  # kept as a result: what broke, when
        wall, peak, dbt_seconds = failure.wall, failure.peak, None
        failed = "; ".join(failure.errors[:3]) or str(failure)
    floor = fans_floor(work / f"{name}_floor.duckdb", Path(paths["engagements_path"]))
    return {
        "scenario": name,
        "kind": "scale",
        "input_rows": events,
        "users": users,
        "parts": len(list(folder.glob("part-*.parquet"))),
        "dbt_threads": SCALE_DBT_THREADS or 2,
        "failed": failed,
        "models_seconds": round(wall, 2),
        "models_dbt_seconds": dbt_seconds,
        "wall_seconds": round(wall, 2),
        "peak_memory_mib": round(peak, 1),
        "spill_peak_mib": round(SPILL_PEAK_MIB.get(spill, 0.0), 1),
        "memory_limit": os.environ.get("AUDIENCE_WAREHOUSE_MEMORY_LIMIT", "1GB"),
        **floor,
        "generate_seconds": round(generate_seconds, 2),
        "input_mib": round(
            sum(path.stat().st_size for path in folder.iterdir()) / 2**20, 1
        ),
        "rows_per_second": round(events / wall, 1),
        "database_mib": round(database.stat().st_size / 2**20, 1),
    }


def fans_spark_build(work: Path, events: int, seed: int) -> dict:
    """The fans domain on the spark target (local Spark, this machine) on
    the same generated files as ``fans_scale_<events>`` (made again if that
    scenario did not run): the project's Spark runner, seeds and models of
    tag fans (``--tag fans --no-tests``), its Python models beside dbt.
    Peak memory is the summed resident memory of the runner and the JVM it
    starts (Spark's driver, the executor inside it); the JVM's heap is
    capped by AUDIENCE_WAREHOUSE_SPARK_MEMORY (default 2g)."""
    folder = work / f"scale_{events}"
    started = time.perf_counter()
    generated = {}
    if not (folder / "pages.parquet").exists():
        write_scale_parts(folder, events, seed)
        generated["generate_seconds"] = round(time.perf_counter() - started, 2)
    paths = scale_paths(folder)
    name = f"fans_spark_{events}"
    env = {**os.environ, "AUDIENCE_WAREHOUSE_SPARK_DIR": str(work / name)}
    command = [
        sys.executable, "-m", "audience_warehouse.io.spark", "--no-tests",
        "--tag", "fans", "--vars", json.dumps(paths),
        "--target-path", str(work / f"target_{name}"),
        "--log-path", str(work / f"logs_{name}"),
    ]  # fmt: skip
    group_peak: list[float] = []
    failed = None
    try:
        wall, peak = _measure(command, env, group_peak)
    except CommandFailed as failure:
        wall, peak = failure.wall, failure.peak
        failed = "; ".join(failure.errors[:3]) or str(failure)
    tree_peak = max([peak, *group_peak])
    return {
        "scenario": name,
        "kind": "spark",
        "engine": "spark (local, session)",
        "input_rows": events,
        "users": max(1, events // 10),
        "failed": failed,
        "models_seconds": round(wall, 2),
        "wall_seconds": round(wall, 2),
        "peak_memory_mib": round(tree_peak, 1),
        "spark_memory": os.environ.get("AUDIENCE_WAREHOUSE_SPARK_MEMORY", "2g"),
        **generated,
        "input_mib": round(
            sum(path.stat().st_size for path in folder.iterdir()) / 2**20, 1
        ),
        "rows_per_second": round(events / wall, 1),
    }


AUDIENCE_VARS = {
    "people": "audience_people_path",
    "website_events": "website_events_path",
    "video_views": "video_views_path",
    "facebook_actions": "facebook_actions_path",
    "instagram_actions": "instagram_actions_path",
}
# Events per person at activity 1.0 (the generator's mean, measured).
EVENTS_PER_PERSON = 6.5


def audiences_build(work: Path, people: int, events: int, seed: int) -> dict:
    """Generate people and about ``events`` events as Parquet (timed apart),
    then build on them; then add about 1 % new events to each source (a
    file beside the first, read through the same glob: events of the same
    people from another seed) and time the incremental build of the
    models."""
    started = time.perf_counter()
    activity = events / people / EVENTS_PER_PERSON
    written = write_audiences(
        work, people, seed, "parquet", dirty_fraction=0.001,
        activity=activity, prefix="audiences_",
    )  # fmt: skip
    generate_seconds = time.perf_counter() - started
    # Each event source through a glob that the new events' file joins
    # later (its name sorts after the first).
    paths = {
        var: str(work / f"audiences_{name}*.parquet") if name != "people"
        else str(written[name])
        for name, var in AUDIENCE_VARS.items()
    }  # fmt: skip
    total = sum(
        duckdb.sql(f"select count(*) from '{path}'").fetchall()[0][0]
        for name, path in written.items()
        if name != "people"
    )
    name = f"audiences_{events}"
    result = build(work, name, total, paths, tag="audiences")
    new_events = generate_audiences(
        people, seed + 1, activity=activity * 0.01, dirty_fraction=0.001
    ).tables()
    appended = 0
    for source, frame in new_events.items():
        if source != "people":
            write_frame(frame, work / f"audiences_{source}_1.parquet", table_to_csv)
            appended += len(frame)
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": str(work / f"{name}.duckdb")}
    wall, _ = measure(_dbt(work, name, "run", "-s", "tag:audiences", vars_=paths), env)
    result.update(
        appended_rows=appended,
        incremental_seconds=round(wall, 2),
        incremental_dbt_seconds=round(_dbt_elapsed(work / f"target_{name}"), 2),
        incremental_resets=_resets(work, name),
    )
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(
        sum(path.stat().st_size for path in written.values()) / 2**20, 1
    )
    result["people"] = people
    return result


def interests_build(work: Path, users: int, seed: int) -> dict:
    """Generate users and likes as Parquet (timed apart), then build on them."""
    started = time.perf_counter()
    written = write_interests(
        work, users, seed, "parquet", dirty_fraction=0.01, prefix="interests_"
    )
    generate_seconds = time.perf_counter() - started
    likes = duckdb.sql(f"select count(*) from '{written['likes']}'").fetchall()[0][0]
    paths = {
        "interest_users_path": str(written["users"]),
        "interest_likes_path": str(written["likes"]),
    }
    result = build(work, f"interests_{users}", users + likes, paths, tag="interests")
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(
        sum(written[name].stat().st_size for name in ["users", "likes"]) / 2**20, 1
    )
    result["users"] = users
    return result


def _epoch_ms(values):
    return values.astype("datetime64[ms]").astype("int64")


def run(
    ads_rows: int, customer_rows: int, fan_users: int, fan_events: int, seed: int,
    work: Path, audience_people: int = 0, audience_events: int = 0,
    interest_users: int = 0, fans_scale: tuple[int, ...] = (),
    spark_fans_scale: tuple[int, ...] = (),
) -> list[dict]:  # fmt: skip
    """Run the scenarios whose size is not 0, in order, saying which one is
    running and what it measured."""
    scenarios = [
        ("sample", True, lambda: build(
            work, "sample", 1200 + 3000 + 25_007 + 5006 + 31_953 + 3004 + 25_116)),
        (f"ads_{ads_rows}", ads_rows, lambda: generated_build(
            work, f"ads_{ads_rows}", ads_rows,
            lambda n: generate_ads(n, random_state=seed, dirty_fraction=0.001),
            ads_to_csv, "ads_path", "ads")),
        (f"customers_{customer_rows}", customer_rows, lambda: generated_build(
            work, f"customers_{customer_rows}", customer_rows,
            lambda n: generate_customers(n, random_state=seed, dirty_fraction=0.001),
            customers_to_csv, "customers_path", "segmentation")),
        (f"fans_{fan_events}", fan_events,
         lambda: fans_build(work, fan_users, fan_events, seed)),
        (f"audiences_{audience_events}", audience_events,
         lambda: audiences_build(work, audience_people, audience_events, seed)),
        (f"interests_{interest_users}", interest_users,
         lambda: interests_build(work, interest_users, seed)),
        *[(f"fans_scale_{events}", events,
           lambda events=events: fans_scale_build(work, events, seed))
          for events in fans_scale],
        *[(f"fans_spark_{events}", events,
           lambda events=events: fans_spark_build(work, events, seed))
          for events in spark_fans_scale],
    ]  # fmt: skip
    chosen = [(name, scenario) for name, size, scenario in scenarios if size]
    results = []
    for number, (name, scenario) in enumerate(chosen, start=1):
        print(f"[{number}/{len(chosen)}] {name}: generating and building", flush=True)
        results.append(scenario())
        result = results[-1]
        print(
            f"[{number}/{len(chosen)}] {name}: {result['wall_seconds']} s, "
            f"peak {result['peak_memory_mib']:,} MiB",
            flush=True,
        )
    return results


def _of_kind(results: list[dict], kind: str) -> list[dict]:
    """The results of one kind of scenario, smallest input first."""
    chosen = (r for r in results if r.get("kind") == kind)
    return sorted(chosen, key=lambda r: r["input_rows"])


def _seconds_or_failure(result: dict, shown: str) -> str:
    if result.get("failed"):
        return f"failed after {result['models_seconds']} s: {result['failed']}"
    return shown


def write_results(results: list[dict]) -> None:
    machine = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    for result in results:
        result["date"] = machine["date"]
    run_now = {result["scenario"] for result in results}
    if RESULTS_JSON.exists():
        earlier = json.loads(RESULTS_JSON.read_text())
        kept = [
            {"date": earlier["machine"]["date"], **result}
            for result in earlier["results"]
            # Rows measured the old way (a whole-project build per domain)
            # are not comparable: only domain rows are kept.
            if result["scenario"] not in run_now and "models_seconds" in result
        ]
        results = [results[0], *kept, *results[1:]]
    RESULTS_JSON.write_text(
        json.dumps({"machine": machine, "results": results}, indent=2) + "\n"
    )
    lines = [
        "# Benchmark results",
        "",
        "Written by `python3 warehouse.py bench`; every build on a fresh DuckDB file.",
        "",
        f"Machine: {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{machine['platform']}; run {machine['date']}.",
        "",
        "Domain rows: the domain's seeds and a parse first (not timed), then its",
        "models only (`dbt run -s tag:<domain>`) and its models with every test",
        "(`dbt build --full-refresh`), each on the domain's generated input; the",
        "sample row is",
        "the whole project, parse and every test included. Beside the fans row:",
        "the same job the notebook way (`bench/notebook_fans.py`, pandas and",
        "scikit-learn) and the bare-DuckDB floor (one query of the per-user",
        "features), on the same file in the same run.",
        "",
        "| scenario | input rows | models s (dbt's own) | models + tests s | peak MiB"
        " | notebook s (MiB) | floor s (MiB) | notebook / models | models / floor"
        " | run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in [r for r in results if r.get("kind") not in ("scale", "spark")]:
        models = r.get("models_seconds")
        notebook, floor = r.get("notebook_seconds"), r.get("floor_seconds")
        lines.append(
            f"| {r['scenario']} | {r['input_rows']:,} | "
            + (f"{models} ({r['models_dbt_seconds']}) | " if models else "| ")
            + f"{r['wall_seconds']} | {r['peak_memory_mib']:,} | "
            + (f"{notebook} ({r['notebook_peak_mib']:,}) | " if notebook else "| ")
            + (f"{floor} ({r['floor_peak_mib']:,}) | " if floor else "| ")
            + (f"{notebook / models:.1f} | " if notebook and models else "| ")
            + (f"{models / floor:.1f} | " if floor and models else "| ")
            + f"{r['date']} |"
        )
    lines.append("")
    scale = _of_kind(results, "scale")
    if scale:
        lines += [
            "Fans at scale (`--fans-scale`): the fans models only (`dbt run -s"
            " tag:fans`) on E events by E/10 users in Parquet parts of at most"
            " 10M events, DuckDB's memory limit as in the profile; spilled is",
            "the most DuckDB's temporary directory held during the run.",
            "",
            "| events | users | dbt threads | models s (dbt's own)"
            " | s per million events | peak MiB | memory limit | spilled MiB"
            " | floor s (MiB) | run |",
            "|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
        ]
        for r in scale:
            models = _seconds_or_failure(
                r, f"{r['models_seconds']} ({r['models_dbt_seconds']})"
            )
            lines.append(
                f"| {r['input_rows']:,} | {r['users']:,} |"
                f" {r.get('dbt_threads', 2)} | {models} |"
                f" {r['models_seconds'] / (r['input_rows'] / 1e6):.2f} |"
                f" {r['peak_memory_mib']:,} | {r['memory_limit']} |"
                f" {r['spill_peak_mib']:,} |"
                f" {r['floor_seconds']} ({r['floor_peak_mib']:,}) | {r['date']} |"
            )
        lines.append("")
    duck = {r["input_rows"]: r for r in scale}
    spark = _of_kind(results, "spark")
    if spark:
        lines += [
            "The fans domain on Spark (`--spark-fans-scale`): the project's Spark"
            " runner on local Spark (dbt-spark session method, this machine),"
            " seeds and models of tag fans, the Python models beside dbt, on the"
            " same files as the DuckDB row beside it; Spark's time includes its"
            " start-up and the fans seeds. Peak: the runner and Spark's JVM"
            " together.",
            "",
            "| events | Spark s | Spark peak MiB (JVM heap cap) | DuckDB models s"
            " | DuckDB peak MiB | Spark / DuckDB | run |",
            "|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in spark:
            other = duck.get(r["input_rows"], {})
            seconds = _seconds_or_failure(r, f"{r['models_seconds']}")
            ratio = (
                f"{r['models_seconds'] / other['models_seconds']:.1f}"
                if other.get("models_seconds") and not r.get("failed")
                else ""
            )
            lines.append(
                f"| {r['input_rows']:,} | {seconds} |"
                f" {r['peak_memory_mib']:,} ({r['spark_memory']}) |"
                f" {other.get('models_seconds', '')} |"
                f" {other.get('peak_memory_mib', '')} | {ratio} | {r['date']} |"
            )
        lines.append("")
    for r in [r for r in results if "incremental_seconds" in r]:
        lines.append(
            f"- {r['scenario']}: after appending {r['appended_rows']:,} new events"
            f" (about 1 %), the incremental build of the models took"
            f" {r['incremental_seconds']} s ({r['incremental_dbt_seconds']} s"
            f" dbt's own), against {r['models_seconds']} s"
            f" ({r['models_dbt_seconds']} s) for the full build"
            + (
                f" ({r['incremental_resets']} models recomputed whole)."
                if r.get("incremental_resets")
                else "."
            )
        )
    for r in [r for r in results if "generate_seconds" in r]:
        lines.append(
            f"- {r['scenario']}: generating the input ({r['input_mib']} MiB) took "
            f"{r['generate_seconds']} s, not included in the build time."
        )
    RESULTS_MD.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="ads (0 skips)")
    parser.add_argument("--customers", type=int, default=1_000_000, help="0 skips")
    parser.add_argument("--fan-users", type=int, default=1_000_000)
    parser.add_argument(
        "--fan-events", type=int, default=10_000_000, help="0 skips the fans scenario"
    )
    parser.add_argument("--audience-people", type=int, default=1_000_000)
    parser.add_argument(
        "--audience-events",
        type=int,
        default=10_000_000,
        help="0 skips the audiences scenario",
    )
    parser.add_argument(
        "--interest-users",
        type=int,
        default=1_000_000,
        help="0 skips the interests scenario",
    )
    parser.add_argument(
        "--fans-scale",
        default="",
        help="comma-separated event counts (e.g. 1000000,10000000,100000000): "
        "the fans models only at each size, for linearity and spilling",
    )
    parser.add_argument(
        "--scale-dbt-threads",
        type=int,
        default=None,
        help="dbt threads in the --fans-scale runs (default: the profile's 2)",
    )
    parser.add_argument(
        "--spark-fans-scale",
        default="",
        help="comma-separated event counts: the fans domain on the spark target "
        "(local Spark; needs requirements-spark.lock and Java 17), on the same "
        "files as --fans-scale",
    )
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    global SCALE_DBT_THREADS
    SCALE_DBT_THREADS = args.scale_dbt_threads
    fans_scale = tuple(int(size) for size in args.fans_scale.split(",") if size)
    spark_scale = tuple(int(size) for size in args.spark_fans_scale.split(",") if size)
    with tempfile.TemporaryDirectory(prefix="aw-bench-") as directory:
        results = run(
            args.rows, args.customers, args.fan_users, args.fan_events, args.seed,
            Path(directory), args.audience_people, args.audience_events,
            args.interest_users, fans_scale, spark_scale,
        )  # fmt: skip
    write_results(results)
    lines = RESULTS_MD.read_text().splitlines()
    print("\n".join(line for line in lines if line.startswith("|")))
    print(f"wrote {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
