"""Atomic publishing by ``python3 warehouse.py build``: the published file
changes only when a whole build and every test passed, in one rename; a
failed, failing-test, or killed build leaves it byte-identical; a reader
holding it open neither blocks a build nor sees an error during one; a
second build of the same file stops at once, naming the running one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.dbt

READER = """
import json, sys, time, duckdb
path, stop = sys.argv[1], sys.argv[2]
held = duckdb.connect(path, read_only=True)  # held open for the whole build
queries, errors = 0, []
import os
while not os.path.exists(stop):
    try:
        with duckdb.connect(path, read_only=True) as connection:
            connection.sql("select count(*) from main.fct_ad_performance").fetchall()
        held.sql("select count(*) from main.dim_campaigns").fetchall()
        queries += 1
    except Exception as error:
        errors.append(str(error))
    time.sleep(0.05)
print(json.dumps({"queries": queries, "errors": errors}))
"""


def warehouse_build(
    published: Path, *args: str, cwd: Path = ROOT, **popen
) -> subprocess.Popen:
    env = {
        **os.environ,
        "AUDIENCE_WAREHOUSE_DB": str(published),
        "DBT_TARGET_PATH": str(published.parent / "target"),
        "DBT_LOG_PATH": str(published.parent / "logs"),
    }
    return subprocess.Popen(
        [sys.executable, str(ROOT / "warehouse.py"), "build", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def run_build(published: Path, *args: str, cwd: Path = ROOT) -> tuple[int, str]:
    process = warehouse_build(published, *args, cwd=cwd)
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


# A build of the two marts the readers query (seeds, staging, validation,
# no Python model), with only the tests whose every parent is built: a
# successful build to publish, at a fraction of the cost of the ads domain.
CAUTIOUS = ("--indirect-selection", "cautious")
READ_MARTS = ("--select", "+fct_ad_performance", "+dim_campaigns", *CAUTIOUS)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("publish") / "published.duckdb"
    returncode, output = run_build(path, *READ_MARTS)
    assert returncode == 0, output[-4000:]
    assert "published" in output and path.exists()
    return path


def test_a_failing_python_model_leaves_the_published_file_unchanged(published):
    before = digest(published)
    returncode, output = run_build(
        published, "--select", "tag:ads", "--vars", "{ads_cluster_max_cells: 1}"
    )
    assert returncode != 0
    assert "exceed the limit of 1" in output
    assert f"the published warehouse {published} is unchanged" in output
    assert digest(published) == before


def test_a_failing_data_test_leaves_the_published_file_unchanged(published):
    # The sample's dirty rows are more than 0 % of it: the (warn) share test
    # fails, and --warn-error (passed through to dbt) makes that an error.
    before = digest(published)
    returncode, output = run_build(
        published,
        "--select",
        "+int_ads_rejected",
        *CAUTIOUS,
        "--warn-error",
        "--vars",
        json.dumps({"ads_reject_warn_share": 0}),
    )
    assert returncode != 0
    assert "row_share_below_int_ads_rejected" in output
    assert digest(published) == before


def test_a_killed_build_leaves_the_published_file_unchanged(published):
    before = digest(published)
    process = warehouse_build(published, "--select", "tag:ads", start_new_session=True)
    work = published.parent / f".{published.name}.building" / published.name
    deadline = time.monotonic() + 120
    while not work.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(8)  # well into the dbt build
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert digest(published) == before


def test_readers_never_see_an_error_during_a_build_and_then_see_it(published):
    """Also: a second build of the same file, started during the build,
    stops at once naming it; the running build then publishes."""
    stop = published.parent / "stop-reader"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1)
    before = published.stat().st_ino
    build = warehouse_build(published, *READ_MARTS)
    # A second build of the same file, started while the first runs, stops
    # at once naming the first (they would share its working file).
    lock = published.parent / f".{published.name}.lock"
    deadline = time.monotonic() + 120
    while f"pid {build.pid}," not in (lock.read_text() if lock.exists() else ""):
        assert time.monotonic() < deadline and build.poll() is None, "no lock taken"
        time.sleep(0.1)
    second, second_output = run_build(published, *READ_MARTS)
    assert build.poll() is None, "the first build ended before the second started"
    assert second != 0
    assert (
        f"another build of {published} is running (pid {build.pid}, started"
        in second_output
    ), second_output[-2000:]
    output, _ = build.communicate(timeout=900)
    returncode = build.returncode
    time.sleep(0.5)
    stop.touch()
    reader_output, reader_errors = reader.communicate(timeout=60)
    assert returncode == 0, output[-4000:]
    report = json.loads(reader_output)
    assert report["errors"] == [], report["errors"][:3]
    assert report["queries"] > 20, (report, reader_errors)
    assert published.stat().st_ino != before  # a new file, swapped in


def test_relative_paths_are_the_callers_and_inputs_are_loaded(tmp_path):
    """`--vars '{ads_path: ads.csv}'` means the file in the folder the user
    ran the command in; the file is copied in, so deleting it afterwards
    breaks nothing."""
    from audience_warehouse.ads.generator import generate_ads
    from audience_warehouse.io.files import write_frame

    folder = tmp_path / "mine"
    write_frame(generate_ads(200, random_state=3), folder / "ads.csv")
    published = tmp_path / "relative.duckdb"
    returncode, output = run_build(
        published, "--select", "+fct_ad_performance", *CAUTIOUS, "--vars",
        "{ads_path: ads.csv}", cwd=folder,
    )  # fmt: skip
    assert returncode == 0, output[-4000:]
    (folder / "ads.csv").unlink()
    with duckdb.connect(str(published), read_only=True) as connection:
        staged = connection.sql(
            "select count(*) from main_staging.stg_facebook_ads__ads"
        ).fetchall()
        performance = connection.sql(
            "select count(*) from main.fct_ad_performance"
        ).fetchall()
    assert staged == performance == [(200,)]


def test_a_build_after_dbt_on_the_published_file_parses_only_what_changed(
    published,
):
    """`warehouse.py dbt` (the published file) and `warehouse.py build` (its
    working copy, another folder) give dbt one profile, so the build reuses
    the parse state the dbt command left: dbt prints why whenever it parses
    the whole project again ("Unable to do partial parsing because ...")."""
    env = {
        **os.environ,
        "AUDIENCE_WAREHOUSE_DB": str(published),
        "DBT_TARGET_PATH": str(published.parent / "target"),
        "DBT_LOG_PATH": str(published.parent / "logs"),
    }
    listed = subprocess.run(
        [sys.executable, str(ROOT / "warehouse.py"), "dbt", "ls",
         "--resource-type", "model", "--select", "fct_ad_performance"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stdout[-3000:] + listed.stderr[-3000:]
    assert "fct_ad_performance" in listed.stdout
    returncode, output = run_build(published, "--select", "ads_genders")
    assert returncode == 0, output[-4000:]
    assert "Unable to do partial parsing" not in output, output[-4000:]
