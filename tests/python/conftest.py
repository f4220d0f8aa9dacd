"""Shared fixtures: the repository, a dbt runner, sample and real builds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).parent / "dbt"
REAL_DATA_ENV = "AUDIENCE_WAREHOUSE_REAL_DATA"


@dataclass(frozen=True)
class DbtResult:
    returncode: int
    output: str


@dataclass(frozen=True)
class Warehouse:
    """A built DuckDB warehouse; ``query`` returns a pandas frame."""

    path: Path

    def query(self, sql: str):
        with duckdb.connect(str(self.path), read_only=True) as connection:
            return connection.sql(sql).df()


def run_dbt(
    database: Path,
    *args: str,
    vars_: dict | None = None,
    write_json: bool = False,
    unit_tests: bool = False,
) -> DbtResult:
    """Run dbt in the project against ``database``; never raises on failure.

    dbt's JSON artifacts (manifest, run results) are written only with
    ``write_json``: serialising the manifest of about a thousand nodes costs
    about 4.5 s an invocation (22.8 s -> 18.2 s for a one-model run), and
    few tests read them.

    Partial parsing is on: a test's second invocation in the same folder,
    with the same vars and database, skips the full parse (about 9 s);
    dbt itself parses in full when the vars or the profile changed.

    A ``dbt build`` leaves out the unit tests unless ``unit_tests``: they
    read their own fixtures, never the data or the vars a test changes, so
    one build (the shared sample's) runs them all; in every other build
    they cost about 22 s of node time (38 unit tests) for the same answer."""
    import json

    work = database.parent
    skip_unit_tests = args[:1] == ("build",) and not unit_tests
    command = [
        str(DBT),
        *args,
        *(["--exclude-resource-type", "unit_test"] if skip_unit_tests else []),
        "--project-dir",
        str(ROOT),
        "--profiles-dir",
        str(ROOT),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        *([] if write_json else ["--no-write-json"]),
    ]
    if vars_:
        command += ["--vars", json.dumps(vars_)]
    # dbt runs in the database's folder and names the file relatively: the
    # profile (which dbt hashes into its parse state) is then the same for
    # every test's "warehouse.duckdb", so a parse is reused across tests
    # (_reuse_parse). Relative paths in vars still resolve from the project.
    env = {
        "AUDIENCE_WAREHOUSE_CALLER_DIR": str(ROOT),
        **os.environ,
        "AUDIENCE_WAREHOUSE_DB": database.name,
    }
    target = [a for a in args if a.startswith("--target")][-1:]
    parse_key = json.dumps([database.name, vars_ or {}, target], sort_keys=True)
    _reuse_parse(work / "target", parse_key)
    if os.environ.get(DBT_SUBPROCESS_ENV) == "1":
        completed = subprocess.run(
            command, cwd=work, env=env, capture_output=True, text=True
        )
        result = DbtResult(completed.returncode, completed.stdout + completed.stderr)
    else:
        output = work / f"dbt-output-{os.getpid()}.txt"
        returncode = _launcher().run(command[1:], work, env, output)
        result = DbtResult(returncode, output.read_text(errors="replace"))
    _keep_parse(work / "target", parse_key)
    return result


# dbt's parse state (target/partial_parse.msgpack) of this test process,
# by database file name, vars and target: a full parse costs about 17 s of
# CPU more than a partial one, and most test folders would otherwise start
# with one. dbt itself checks the state it is given (project files, vars,
# profile, environment variables) and parses again whatever differs.
_PARSES: dict[str, Path] = {}


def _parse_store() -> Path:
    import tempfile

    if "" not in _PARSES:
        _PARSES[""] = Path(tempfile.mkdtemp(prefix="aw-parse-state-"))
    return _PARSES[""]


def _reuse_parse(target: Path, key: str) -> None:
    state = target / "partial_parse.msgpack"
    if key in _PARSES and not state.exists():
        import shutil

        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_PARSES[key], state)


def _keep_parse(target: Path, key: str) -> None:
    state = target / "partial_parse.msgpack"
    if key not in _PARSES and state.exists():
        import shutil

        kept = _parse_store() / f"{len(_PARSES)}.msgpack"
        shutil.copyfile(state, kept)
        _PARSES[key] = kept


DBT_SUBPROCESS_ENV = "AUDIENCE_WAREHOUSE_TESTS_DBT_SUBPROCESS"


class _Launcher:
    """The running ``dbt_launcher.py`` of this test process (see there)."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("dbt_launcher.py")),
                str(ROOT),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its children in its process group
        )

    def run(self, args: list[str], cwd: Path, env: dict, output: Path) -> int:
        import json

        request = {"args": args, "cwd": str(cwd), "env": env, "output": str(output)}
        with self.lock:  # one invocation at a time per test process
            assert self.process.stdin and self.process.stdout
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
                reply = self.process.stdout.readline()
            except BaseException:
                # Interrupted mid-invocation: its reply would answer the
                # next request. The launcher and its child go; the next
                # invocation starts a new one.
                self.stop()
                raise
        if not reply:
            raise RuntimeError("the dbt launcher died (see its output above)")
        return int(json.loads(reply)["returncode"])

    def stop(self) -> None:
        import signal

        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


_LAUNCHER: list[_Launcher] = []


def _launcher() -> _Launcher:
    if not _LAUNCHER or _LAUNCHER[0].process.poll() is not None:
        _LAUNCHER[:] = [_Launcher()]
    return _LAUNCHER[0]


def build_warehouse(
    directory: Path,
    vars_: dict | None = None,
    select: str | None = None,
    write_json: bool = False,
    unit_tests: bool = False,
) -> Warehouse:
    database = directory / "warehouse.duckdb"
    selection = ["--select", *select.split()] if select else []
    result = run_dbt(
        database,
        "build",
        *selection,
        vars_=vars_,
        write_json=write_json,
        unit_tests=unit_tests,
    )
    assert result.returncode == 0, result.output[-6000:]
    return Warehouse(database)


def rebuild_copy(
    warehouse: Warehouse, directory: Path, select: str, vars_: dict
) -> Warehouse:
    """Copy a built warehouse and rebuild ``select`` on it with ``vars_``."""
    copy = writable_copy(warehouse, directory)
    result = run_dbt(copy.path, "build", "--select", select, vars_=vars_)
    assert result.returncode == 0, result.output[-4000:]
    return copy


@pytest.fixture(scope="session")
def dbt_runner() -> Callable[..., DbtResult]:
    return run_dbt


def _built_once(
    tmp_path_factory, worker_id: str, name: str, build: Callable[[Path], Warehouse]
) -> Warehouse:
    """``build(folder)`` once per test run, shared by the pytest-xdist
    workers (the first to ask builds it under a file lock; the others
    wait): read-only from then on, so a test that writes to it (dbt docs
    generate, a rebuild) works on a copy (:func:`writable_copy`,
    :func:`rebuild_copy`)."""
    if worker_id == "master":
        return build(tmp_path_factory.mktemp(name))
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            build(shared)
            (shared / "built").touch()
    return Warehouse(shared / "warehouse.duckdb")


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory, worker_id: str) -> Warehouse:
    """The default build: bundled sample seeds, default vars, built once
    (:func:`_built_once`). Its manifest is read by the layout tests. The one
    build that runs the unit tests (see run_dbt)."""
    return _built_once(
        tmp_path_factory,
        worker_id,
        "sample",
        lambda folder: build_warehouse(folder, write_json=True, unit_tests=True),
    )


def table_hashes(warehouse: Warehouse, condition: str) -> dict[str, str]:
    """sha256 of every base table matching ``condition`` (on
    information_schema.tables), its rows sorted, floats to the last bit."""
    import hashlib

    tables = warehouse.query(
        "select table_schema || '.' || table_name as name"
        " from information_schema.tables"
        f" where table_type = 'BASE TABLE' and {condition}"
    ).name
    hashes = {}
    for table in tables:
        rows = warehouse.query(f"select * from {table} order by all")
        text = rows.to_csv(index=False, float_format="%.17g")
        hashes[table] = hashlib.sha256(text.encode()).hexdigest()
    return hashes


def writable_copy(warehouse: Warehouse, directory: Path) -> Warehouse:
    """A copy of a built warehouse that a test may write to (the shared
    sample is read by other workers at the same time)."""
    import shutil

    database = directory / "copy.duckdb"
    shutil.copy(warehouse.path, database)
    return Warehouse(database)


def real_data_dir() -> Path:
    """``../shared/data/real`` beside the clone, or $AUDIENCE_WAREHOUSE_REAL_DATA.

    In CI (CI=true) a missing folder fails the test; elsewhere it skips.
    """
    path = Path(os.environ.get(REAL_DATA_ENV, ROOT.parent / "shared" / "data" / "real"))
    if not path.is_dir():
        message = (
            f"real data folder {path} not found (set {REAL_DATA_ENV} or place "
            "shared/data/real beside the clone)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI requires it")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def kag_file() -> Path:
    path = real_data_dir() / "facebook_ad_campaigns" / "KAG_conversion_data.csv"
    if not path.is_file():
        pytest.fail(f"{path} is missing from the real data folder")
    return path


@pytest.fixture(scope="session")
def customers_file() -> Path:
    path = real_data_dir() / "audience_segmentation" / "customer_segmentation_data.csv"
    if not path.is_file():
        pytest.fail(f"{path} is missing from the real data folder")
    return path


@pytest.fixture(scope="session")
def buddymove_file() -> Path:
    path = real_data_dir() / "interests_buddymove" / "buddymove_holidayiq.csv"
    if not path.is_file():
        pytest.fail(f"{path} is missing from the real data folder")
    return path


BUDDYMOVE_CATEGORIES = [
    "Sports",
    "Religious",
    "Nature",
    "Theatre",
    "Shopping",
    "Picnic",
]


@pytest.fixture(scope="session")
def real_vars(
    kag_file: Path, customers_file: Path, buddymove_file: Path, tmp_path_factory
) -> dict[str, str]:
    """Vars pointing every source that has a real file at it (bring your own
    data). The travellers' file is wide, its user column `User Id`, and each
    count column its own category: the category map says so, as a user of
    such a file would write it."""
    category_map = tmp_path_factory.mktemp("real_map") / "category_map.csv"
    category_map.write_text(
        "subcategory,category\n"
        + "".join(f"{name},{name.lower()}\n" for name in BUDDYMOVE_CATEGORIES)
    )
    return {
        "ads_path": str(kag_file),
        "customers_path": str(customers_file),
        "interests_wide_path": str(buddymove_file),
        "interests_wide_user_column": "User Id",
        "interest_category_map_path": str(category_map),
    }


# The domains that have a real file; the others would only rebuild the sample.
REAL_DATA_DOMAINS = "tag:ads tag:segmentation tag:interests"


@pytest.fixture(scope="session")
def real_warehouse(
    tmp_path_factory, worker_id: str, real_vars: dict[str, str]
) -> Warehouse:
    """The domains with real files built on them, through the vars, in one
    build, shared by the workers (:func:`_built_once`; the real-data tests
    of several domains run on both workers)."""
    return _built_once(
        tmp_path_factory,
        worker_id,
        "real",
        lambda folder: build_warehouse(
            folder, vars_=real_vars, select=REAL_DATA_DOMAINS
        ),
    )


def project_var(name: str):
    """A var's default from dbt_project.yml (the explicit model input lists)."""
    import yaml

    return yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"][name]


def cluster_limits() -> dict[str, object]:
    """What every clustering may claim, as the project sets it (vars
    cluster_*), keyed as the k-selection models' params."""
    return {
        "min_cluster_size": project_var("cluster_min_size"),
        "min_distinct_points": project_var("cluster_min_distinct_points"),
        "min_silhouette": project_var("cluster_min_silhouette"),
        "flat_silhouette_spread": project_var("cluster_flat_silhouette_spread"),
    }


def csv_row_count(path: Path) -> int:
    """Data rows of a CSV file as Python's csv module reads them: the
    independent count that raw = clean + rejected is checked against. Bytes
    that are not UTF-8 are kept (a line with them is still a row)."""
    import csv

    with path.open(newline="", encoding="utf-8", errors="surrogateescape") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The Spark comparison first: its build keeps one worker busy for
    minutes, which then overlap the other worker's tests instead of
    trailing them (pytest-xdist hands out test files in this order)."""
    items.sort(key=lambda item: "project/test_spark.py" not in item.nodeid)
