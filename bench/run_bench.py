"""Benchmark: time whole `dbt build`s and record wall time, peak memory, rows/s.

    python3 warehouse.py bench [--rows 1000000] [--repeat 1]

Scenarios (each a fresh DuckDB file, so nothing is cached between them):
  sample         the default build on the bundled seeds (1,200 ads, 3,000
                 customers)
  ads_<N>        generate N ads with the seeded generator (timed apart), then
                 build on that CSV through var ads_path, as a user's file
  customers_<N>  the same for N customers through var customers_path
  fans_<E>       E engagement events by U users (pages and posts to match),
                 written as Parquet with epoch-millisecond timestamps, through
                 vars pages_path, posts_path and engagements_path
  audiences_<E>  P people and about E events (website, video, Facebook,
                 Instagram), written as Parquet (text columns, as a CRM or
                 event export holds them), through the five audiences vars
  interests_<U>  U social-platform users and their likes (long form, Parquet,
                 1% dirty), through vars interest_users_path and
                 interest_likes_path
Each build is the whole project; the other domains read their sample seeds.
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
import time
from pathlib import Path

import duckdb

from audience_warehouse.ads.generator import ads_to_csv, generate_ads
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


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak RSS in MiB). Fails loudly.

    dbt's output is read as it comes: every 15 s a line says how many of
    its nodes are done (dbt's own log stays in the log folder)."""
    started = last_report = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    tail: list[bytes] = []
    done = "none yet (dbt is parsing)"
    for line in process.stdout or []:
        tail = [*tail[-200:], line]
        if match := DBT_NODE_DONE.search(line):
            done = f"{int(match[1])} of {int(match[2])}"
        now = time.perf_counter()
        if now - last_report >= PROGRESS_EVERY_SECONDS:
            print(f"    ... {now - started:.0f} s, dbt nodes done: {done}", flush=True)
            last_report = now
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stdout.write(b"".join(tail).decode(errors="replace")[-5000:])
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024.0  # Linux reports KiB


def build(work: Path, name: str, rows: int, vars_: dict | None = None) -> dict:
    database = work / f"{name}.duckdb"
    command = [
        str(DBT), "build",
        "--target-path", str(work / f"target_{name}"),
        "--log-path", str(work / f"logs_{name}"),
        "--no-partial-parse",
    ]  # fmt: skip
    if vars_:
        command += ["--vars", json.dumps(vars_)]
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": str(database)}
    wall, peak = measure(command, env)
    return {
        "scenario": name,
        "input_rows": rows,
        "wall_seconds": round(wall, 2),
        "peak_memory_mib": round(peak, 1),
        "rows_per_second": round(rows / wall, 1),
        "database_mib": round(database.stat().st_size / 2**20, 1),
    }


def generated_build(
    work: Path, name: str, rows: int, frame_of, to_csv, var: str
) -> dict:
    """Generate ``rows`` rows to a CSV (timed apart), then build on it."""
    started = time.perf_counter()
    path = work / f"{name}.csv"
    write_frame(frame_of(rows), path, to_csv)
    generate_seconds = time.perf_counter() - started
    result = build(work, name, rows, {var: str(path)})
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(path.stat().st_size / 2**20, 1)
    return result


def fans_build(work: Path, users: int, events: int, seed: int) -> dict:
    """Generate fans data as Parquet (timed apart), then build on it."""
    started = time.perf_counter()
    data = generate_fans(users, events, seed)
    paths = {}
    for name, frame in [
        ("pages", data.pages),
        ("posts", data.posts.assign(posted_at=_epoch_ms(data.posts.posted_at))),
        ("engagements", data.engagements.assign(
            engaged_at=_epoch_ms(data.engagements.engaged_at))),
    ]:  # fmt: skip
        path = work / f"fans_{name}.parquet"
        write_frame(frame, path, table_to_csv)
        paths[f"{name}_path"] = str(path)
    del data
    generate_seconds = time.perf_counter() - started
    result = build(work, f"fans_{events}", events, paths)
    result["generate_seconds"] = round(generate_seconds, 2)
    result["input_mib"] = round(
        sum(Path(path).stat().st_size for path in paths.values()) / 2**20, 1
    )
    result["users"] = users
    return result


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
    then build on them."""
    started = time.perf_counter()
    written = write_audiences(
        work, people, seed, "parquet", dirty_fraction=0.001,
        activity=events / people / EVENTS_PER_PERSON, prefix="audiences_",
    )  # fmt: skip
    generate_seconds = time.perf_counter() - started
    paths = {AUDIENCE_VARS[name]: str(path) for name, path in written.items()}
    total = sum(
        duckdb.sql(f"select count(*) from '{path}'").fetchall()[0][0]
        for name, path in written.items()
        if name != "people"
    )
    result = build(work, f"audiences_{events}", total, paths)
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
    result = build(work, f"interests_{users}", users + likes, paths)
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
    interest_users: int = 0,
) -> list[dict]:  # fmt: skip
    """Run the scenarios whose size is not 0, in order, saying which one is
    running and what it measured."""
    scenarios = [
        ("sample", True, lambda: build(
            work, "sample", 1200 + 3000 + 25_007 + 5006 + 31_953 + 3004 + 25_116)),
        (f"ads_{ads_rows}", ads_rows, lambda: generated_build(
            work, f"ads_{ads_rows}", ads_rows,
            lambda n: generate_ads(n, random_state=seed, dirty_fraction=0.001),
            ads_to_csv, "ads_path")),
        (f"customers_{customer_rows}", customer_rows, lambda: generated_build(
            work, f"customers_{customer_rows}", customer_rows,
            lambda n: generate_customers(n, random_state=seed, dirty_fraction=0.001),
            customers_to_csv, "customers_path")),
        (f"fans_{fan_events}", fan_events,
         lambda: fans_build(work, fan_users, fan_events, seed)),
        (f"audiences_{audience_events}", audience_events,
         lambda: audiences_build(work, audience_people, audience_events, seed)),
        (f"interests_{interest_users}", interest_users,
         lambda: interests_build(work, interest_users, seed)),
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
            if result["scenario"] not in run_now
        ]
        results = [results[0], *kept, *results[1:]]
    RESULTS_JSON.write_text(
        json.dumps({"machine": machine, "results": results}, indent=2) + "\n"
    )
    lines = [
        "# Benchmark results",
        "",
        "Written by `python3 warehouse.py bench`; each row is one full `dbt build`",
        "(seeds, models, Python models, every data and unit test) on a fresh DuckDB.",
        "",
        f"Machine: {machine['cpus']} CPUs, Python {machine['python']}, "
        f"{machine['platform']}; run {machine['date']}.",
        "",
        "| scenario | input rows | wall s | peak memory MiB | rows/s"
        " | database MiB | run |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['scenario']} | {r['input_rows']:,} | {r['wall_seconds']} | "
            f"{r['peak_memory_mib']} | {r['rows_per_second']:,} | "
            f"{r['database_mib']} | {r['date']} |"
        )
    lines.append("")
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
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aw-bench-") as directory:
        results = run(
            args.rows, args.customers, args.fan_users, args.fan_events, args.seed,
            Path(directory), args.audience_people, args.audience_events,
            args.interest_users,
        )  # fmt: skip
    write_results(results)
    lines = RESULTS_MD.read_text().splitlines()
    print("\n".join(line for line in lines if line.startswith("|")))
    print(f"wrote {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
