#!/usr/bin/env python3
"""One entry point for users and CI; needs only Python 3.11 to start.

    python3 warehouse.py build [dbt build options]
        install (once), build everything (on the sample data unless --vars
        point at your files) in a working copy, and publish it in one step
        only when every model and test passed
    python3 warehouse.py test     install (once) and run every test (lint, pytest, dbt)
    python3 warehouse.py bench    time builds at sample size and at 1,000,000 ads
    python3 warehouse.py plots    draw the marts' pictures into docs/images/
    python3 warehouse.py report [--out report.html]
                                  write one self-contained HTML report of
                                  every domain's key tables and pictures
    python3 warehouse.py export-audience --audience KEY --out DIR
                                  write an audience's hashed customer-list
                                  upload files (batches of 10,000) and summary
    python3 warehouse.py export-marts --out FILE
                                  copy the marts (no personal data) into a new
                                  DuckDB file for BI
    python3 warehouse.py dbt ...  run dbt inside the project's environment
                                  (on the published file directly)
    python3 warehouse.py spark-build [dbt options]
                                  install the Spark extra (requirements-spark.lock;
                                  needs Java 17) and build everything on local
                                  Spark (profiles.yml target spark), its Python
                                  models run beside dbt (audience_warehouse.io.spark)

The environment is a virtualenv in .venv, installed from requirements.lock
(exact versions) plus this project in editable mode. It is reinstalled only
when requirements.lock or pyproject.toml change. Standard library only.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".install-stamp"
LOCK_INPUTS = [ROOT / "requirements.lock", ROOT / "pyproject.toml"]


class CommandFailed(Exception):
    """A step exited non-zero; ``returncode`` is its exit status."""

    def __init__(self, returncode: int) -> None:
        super().__init__(returncode)
        self.returncode = returncode


def _run(
    *command: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    # Relative file paths in --vars are resolved from the user's folder
    # (macro input_path), wherever dbt runs.
    env = {**(env or os.environ), "AUDIENCE_WAREHOUSE_CALLER_DIR": os.getcwd()}
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env)
    if completed.returncode != 0:
        raise CommandFailed(completed.returncode)


def _dbt_on(database: Path, *args: str) -> None:
    """dbt ``args`` on the DuckDB file ``database``, run in the file's folder
    with the file named relatively (the project and profile found by
    --project-dir and --profiles-dir). dbt hashes the profile into its
    parse state: named so, the published file, a build's working copy
    (same name, another folder) and a plain ``dbt`` in the project folder
    have one profile, and the parse state (target/) survives between
    `warehouse.py dbt` and `warehouse.py build` (a full parse took 9 s, a
    partial one 3 s)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": database.name}
    _run(BIN / "dbt", *args, "--project-dir", ROOT, "--profiles-dir", ROOT,
         env=env, cwd=database.parent)  # fmt: skip


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in LOCK_INPUTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the pinned dependencies, unless up to date."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Python 3.11 is required, this is {sys.version.split()[0]}")
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print(f"creating virtualenv in {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    _install_lock(ROOT / "requirements.lock")
    _pip_install("--no-build-isolation", "-e", ROOT)
    STAMP.write_text(_fingerprint())


# The installer of the lock files: uv, pinned, when it installs here (it
# fetches and unpacks in parallel and compiles no bytecode up front; the
# lock took 12 s with a cold cache against pip's 98 s on this 2-core
# machine); pip where it cannot (a platform without a uv wheel).
UV = "uv==0.13.10"


def _install_lock(lock: Path) -> None:
    """Install the exact pins of ``lock`` into .venv (no resolution)."""
    uv = BIN / "uv"
    if not uv.exists():
        try:
            _pip_install(UV)
        except CommandFailed:
            print(f"{UV} could not be installed: pip installs {lock.name}")
    if uv.exists():
        try:
            _run(uv, "pip", "install", "--quiet", "--python", BIN / "python",
                 "--no-deps", "-r", lock)  # fmt: skip
            return
        except CommandFailed:
            print(f"uv failed to install {lock.name}: pip tries", flush=True)
    _pip_install("--no-compile", "-r", lock)


def _pip_install(*args: str | Path) -> None:
    """pip install into .venv, exact pins only (no dependency resolution)."""
    _run(BIN / "python", "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "--no-deps", *args)  # fmt: skip


SPARK_LOCK = ROOT / "requirements-spark.lock"
SPARK_STAMP = VENV / ".spark-install-stamp"


def ensure_spark() -> None:
    """Install the Spark target's packages (requirements-spark.lock) on top
    of the environment, unless up to date; Spark itself needs Java 17."""
    if not shutil.which("java"):
        sys.exit("spark-build needs Java 17 (a `java` on the PATH)")
    fingerprint = hashlib.sha256(SPARK_LOCK.read_bytes()).hexdigest()
    if SPARK_STAMP.exists() and SPARK_STAMP.read_text() == fingerprint:
        return
    _install_lock(SPARK_LOCK)
    SPARK_STAMP.write_text(fingerprint)


def spark_build(dbt_args: list[str]) -> None:
    """Build everything on the spark target (tables under
    $AUDIENCE_WAREHOUSE_SPARK_DIR, default spark-warehouse/)."""
    ensure_spark()
    started = time.perf_counter()
    try:
        _run(BIN / "python", "-m", "audience_warehouse.io.spark", *dbt_args)
    except CommandFailed as failure:
        sys.exit(failure.returncode)
    print(f"\nwarehouse built on Spark in {time.perf_counter() - started:.0f} s")


# dbt's commands that read the project and the profile (the others, such
# as --version or init, run as typed).
DBT_PROJECT_COMMANDS = {
    "build", "clone", "compile", "debug", "docs", "list", "ls", "parse",
    "retry", "run", "run-operation", "seed", "show", "snapshot", "source",
    "test",
}  # fmt: skip


def dbt(*args: str) -> None:
    """dbt on the published file (see :func:`_dbt_on`)."""
    if (
        args
        and args[0] in DBT_PROJECT_COMMANDS
        and not any(arg.startswith(("--project-dir", "--profiles-dir")) for arg in args)
    ):
        _dbt_on(published_database(), *args)
    else:
        _run(BIN / "dbt", *args)


def published_database() -> Path:
    """The file BI tools read: $AUDIENCE_WAREHOUSE_DB, relative to the project."""
    return ROOT / os.environ.get("AUDIENCE_WAREHOUSE_DB", "audience_warehouse.duckdb")


def working_database(published: Path) -> Path:
    """Where a build writes: a folder beside the published file (the same
    file system, so publishing is one rename) holding a file of the same
    name (DuckDB names the catalog after the file, and views refer to it)."""
    return published.parent / f".{published.name}.building" / published.name


def _remove(path: Path) -> None:
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)


# A write refused for want of permission: no right to the folder (EACCES,
# EPERM) or a read-only file system (EROFS).
WRITE_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def cannot_write(error: OSError, published: Path) -> str:
    """The one message of a build that may not write beside ``published``
    (its lock file and working copy live there): the folder, and what to do."""
    folder = Path(error.filename) if error.filename else published.parent
    if not folder.is_dir():
        folder = folder.parent
    return (
        f"cannot write in {folder}: {error.strerror or 'permission denied'}. A"
        f" build writes its lock file and working copy beside the warehouse"
        f" {published}: get write access to that folder, or set"
        f" AUDIENCE_WAREHOUSE_DB to a file in a folder you can write to."
        f" Nothing was built; the published file is unchanged."
    )


def build_lock(published: Path):
    """Hold the lock of ``published``'s builds: ``.<name>.lock`` beside it,
    locked for as long as this process runs (the system releases it when
    the process ends, however it ends) and naming this build inside. When
    another build holds it, exit at once with one message naming that
    build: two builds of one file would share its working file. Returns
    the open lock file (keep it open)."""
    path = published.parent / f".{published.name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        running = handle.read().strip() or "a build whose details are not written yet"
        handle.close()
        sys.exit(
            f"another build of {published} is running ({running}); wait for it"
            " to finish, or stop it, then build again (the published file is"
            " unchanged)"
        )
    handle.seek(0)
    handle.truncate()
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    handle.write(f"pid {os.getpid()}, started {started}: {' '.join(sys.argv)}\n")
    handle.flush()
    return handle


def build(dbt_args: list[str]) -> None:
    """Build (dbt build with ``dbt_args``, then the docs) in a working copy of
    the published warehouse, and replace the published file by it in one
    rename only when everything passed. A failed, interrupted or killed
    build leaves the published file as it was; readers of the published
    file never block the build, and the build never locks them out. One
    build at a time per published file (:func:`build_lock`)."""
    published = published_database()
    try:
        lock = build_lock(published)  # noqa: F841 (held until the process ends)
        work = working_database(published)
        work.parent.mkdir(parents=True, exist_ok=True)
        _remove(work)
        if published.exists():
            # Start from the published tables, so a partial build (-s tag:fans)
            # keeps the other domains. A read-only reader does not stop a copy.
            shutil.copyfile(published, work)
    except OSError as error:
        if error.errno not in WRITE_DENIED:
            raise
        sys.exit(cannot_write(error, published))
    vars_args = []  # docs generate compiles too, so it gets the same vars
    for position, argument in enumerate(dbt_args):
        if argument == "--vars":
            vars_args = dbt_args[position : position + 2]
        elif argument.startswith("--vars="):
            vars_args = [argument]
    started = time.perf_counter()
    try:
        # The unit tests read fixtures, never the data: `warehouse.py test`
        # runs them (in the tests' sample build), a build does not repeat
        # them (38 unit tests, about 22 s of node time).
        _dbt_on(work, "build", "--exclude-resource-type", "unit_test", *dbt_args)
        built = build_summary(ROOT / "target" / "run_results.json")
        # --no-compile: the build has just compiled every node it ran
        # (6.5 s instead of 24 s on the sample).
        _dbt_on(work, "docs", "generate", "--no-compile", *vars_args)
    except CommandFailed as failure:
        print(
            f"\nbuild failed: the published warehouse {published} is unchanged "
            f"(the failed build is left in {work} to inspect)",
            file=sys.stderr,
        )
        sys.exit(failure.returncode)
    if work.with_name(work.name + ".wal").exists():
        _run(BIN / "python", "-c", "import duckdb, sys; "
             "duckdb.connect(sys.argv[1]).execute('checkpoint')", work)  # fmt: skip
    # A WAL beside the published file belongs to the old file: never let it
    # be replayed onto the new one.
    published.with_name(published.name + ".wal").unlink(missing_ok=True)
    os.replace(work, published)
    print(
        f"\nwarehouse built and published in {time.perf_counter() - started:.0f} s: "
        f"{published}\n{built}"
    )


def build_summary(run_results: Path) -> str:
    """One line of what dbt did: nodes by kind and status, and the slowest."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return "(no run_results.json to summarise)"
    counts: dict[str, int] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        key = f"{kind} {result['status']}"
        counts[key] = counts.get(key, 0) + 1
    slowest = sorted(results, key=lambda r: r.get("execution_time", 0))[-3:]
    return (
        ", ".join(f"{count} {key}" for key, count in sorted(counts.items()))
        + "; slowest: "
        + ", ".join(
            f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f} s"
            for r in reversed(slowest)
        )
    )


def bench(arguments: list[str]) -> None:
    """bench/run_bench.py; with --spark-fans-scale, the Spark extra first."""
    if any(argument.startswith("--spark-fans-scale") for argument in arguments):
        ensure_spark()
    _run(BIN / "python", ROOT / "bench" / "run_bench.py", *arguments)


def ensure_browser() -> None:
    """The browser tests open the report and the docs site in Debian's
    ``chromium``: install it when it is missing and this user can (root with
    apt-get, as in CI). Elsewhere those tests skip (and fail under CI=true)."""
    if os.environ.get("AUDIENCE_WAREHOUSE_CHROMIUM") or shutil.which("chromium"):
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            "chromium is not installed and cannot be installed here (needs root "
            "and apt-get): the browser tests will skip",
            flush=True,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run("apt-get", "update", "-qq", env=env)
    _run("apt-get", "install", "-y", "-qq", "chromium", env=env)


def test() -> None:
    """Every test: lint (ruff, SQLFluff), then pytest (package, dbt, real data,
    browser, Spark)."""
    ensure_browser()
    if shutil.which("java"):
        ensure_spark()  # the Spark comparison test
    else:
        print("no java on the PATH: the Spark comparison test will skip", flush=True)
    _run(BIN / "ruff", "check", ".")
    _run(BIN / "ruff", "format", "--check", ".")
    with tempfile.TemporaryDirectory(prefix="aw-lint-") as scratch:
        # SQLFluff compiles the project against a scratch DuckDB file holding
        # only the seeds (column lists are generated from reference seeds).
        lint_env = {**os.environ, "AUDIENCE_WAREHOUSE_DB": f"{scratch}/lint.duckdb"}
        _run(
            BIN / "dbt",
            "seed",
            "--quiet",
            "--target-path",
            f"{scratch}/target",
            env=lint_env,
        )
        # Two processes: 64 s instead of 105 s on two cores.
        _run(
            BIN / "sqlfluff", "lint", "--processes", "2", "models", "tests/dbt",
            env=lint_env,
        )  # fmt: skip
    # Two workers (the machine has two cores; three measured no faster:
    # pytest 17:03 against 16:52). A module's tests stay on one worker, so
    # its module-scoped builds run once. The slowest tests are listed at
    # the end, to keep the whole run well under 20 minutes.
    # --no-loadscope-reorder: files in collection order (the Spark comparison
    # first, see tests/python/conftest.py), not largest first.
    _run(BIN / "python", "-m", "pytest", "-n", "2", "--dist", "loadfile",
         "--no-loadscope-reorder", "--durations", "15")  # fmt: skip


def _no_arguments(name: str, function, arguments: list[str]):
    def run() -> None:
        if arguments:
            sys.exit(
                f"warehouse.py {name} takes no arguments (got {' '.join(arguments)})"
            )
        function()

    return run


def main(argv: list[str]) -> None:
    commands = {
        "build": lambda: build(argv[1:]),
        "test": _no_arguments("test", test, argv[1:]),
        "bench": lambda: bench(argv[1:]),
        "plots": lambda: _run(
            BIN / "python", "-m", "audience_warehouse.io.pictures", *argv[1:]
        ),
        "report": lambda: _run(
            BIN / "python",
            "-m",
            "audience_warehouse.io.report",
            "--db",
            str(published_database()),
            *argv[1:],
        ),  # fmt: skip
        "dbt": lambda: dbt(*argv[1:]),
        "spark-build": lambda: spark_build(argv[1:]),
        "export-audience": lambda: _run(
            BIN / "python",
            "-m",
            "audience_warehouse.io.cli",
            "export-audience",
            "--db",
            str(published_database()),
            *argv[1:],
        ),  # fmt: skip
        "export-marts": lambda: _run(
            BIN / "python",
            "-m",
            "audience_warehouse.io.cli",
            "export-marts",
            "--db",
            str(published_database()),
            *argv[1:],
        ),  # fmt: skip
    }
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    ensure_environment()
    commands[argv[0]]()


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except CommandFailed as failure:
        sys.exit(failure.returncode)
    except KeyboardInterrupt:
        sys.exit("\ninterrupted (an unfinished build publishes nothing)")
