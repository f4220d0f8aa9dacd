"""The benchmark's own parts: each command's peak memory is its own, and
the notebook way and the bare-DuckDB floor run on a small generated file
(so `python3 warehouse.py bench` does not rot between its runs)."""

from __future__ import annotations

import importlib.util
import os
import sys

import duckdb

from audience_warehouse.fans.generator import generate_fans

from ..conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location(
        "run_bench", ROOT / "bench" / "run_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_commands_peak_memory_is_its_own_not_the_benchs():
    bench = load_bench()
    ballast = bytearray(400 * 2**20)  # this process grows by 400 MiB
    ballast[:: 2**12] = b"\1" * len(ballast[:: 2**12])
    allocate = "x = bytearray(100 * 2**20); x[::4096] = b'1' * len(x[::4096])"
    wall, peak = bench.measure([sys.executable, "-c", allocate], dict(os.environ))
    assert wall > 0
    assert 100 <= peak < 300, peak
    del ballast


def test_the_notebook_way_and_the_floor_run_side_by_side(tmp_path):
    bench = load_bench()
    data = generate_fans(400, 6_000, random_state=3)
    path = tmp_path / "engagements.parquet"
    frame = data.engagements.assign(
        engaged_at=bench._epoch_ms(data.engagements.engaged_at)
    )
    duckdb.from_df(frame).write_parquet(str(path))
    result = bench.fans_side_by_side(tmp_path, path, seed=3)
    assert result["notebook_seconds"] > 0 and result["floor_seconds"] > 0
    assert result["notebook_peak_mib"] > 0 and result["floor_peak_mib"] > 0
    users = frame.user_id.nunique()
    notebook = duckdb.read_parquet(str(tmp_path / "notebook_out" / "fan_users.parquet"))
    floor = duckdb.connect(str(tmp_path / "floor.duckdb"), read_only=True)
    assert len(notebook.df()) == users
    assert floor.sql("select count(*) from fan_users").fetchall()[0][0] == users
    assert floor.sql("select sum(engagement_count) from fan_users").fetchall()[0][
        0
    ] == len(frame)


def test_scale_parts_are_one_data_set_in_bounded_parts(tmp_path, monkeypatch):
    """The scale runs' input: parts of at most SCALE_PART_EVENTS, every event
    written once, users never shared between parts, every post known."""
    bench = load_bench()
    monkeypatch.setattr(bench, "SCALE_PART_EVENTS", 2_000)
    paths = bench.write_scale_parts(tmp_path / "scale", 5_000, seed=3)
    parts = sorted((tmp_path / "scale").glob("part-*.parquet"))
    assert len(parts) == 3
    events = duckdb.sql(
        f"select * from read_parquet('{paths['engagements_path']}', filename = true)"
    ).df()
    assert len(events) == 5_000
    assert events.groupby("user_id").filename.nunique().max() == 1
    assert events.user_id.nunique() == 500
    posts = duckdb.read_parquet(paths["posts_path"]).df()
    assert set(events.post_id) <= set(posts.post_id)


def test_the_spill_poller_keeps_the_largest_size(tmp_path):
    bench = load_bench()
    spill = tmp_path / "db.tmp"
    grow = (
        "import pathlib, sys, time; d = pathlib.Path(sys.argv[1]); d.mkdir(); "
        "(d / 'a').write_bytes(b'1' * 3 * 2**20); time.sleep(1.5); "
        "(d / 'a').unlink(); time.sleep(0.7)"
    )
    bench.measure([sys.executable, "-c", grow, str(spill)], dict(os.environ), spill)
    assert bench.SPILL_PEAK_MIB[spill] == 3.0
    assert not any(spill.iterdir())


def test_a_failed_command_says_what_broke(tmp_path):
    bench = load_bench()
    fail = (
        "print('Runtime Error in model m'); "
        "print('  Out of Memory Error: could not allocate'); raise SystemExit(2)"
    )
    try:
        bench.measure([sys.executable, "-c", fail], dict(os.environ))
    except bench.CommandFailed as failure:
        assert failure.errors == ["Out of Memory Error: could not allocate"]
        assert failure.wall > 0 and failure.peak > 0
    else:
        raise AssertionError("a failing command passed")
