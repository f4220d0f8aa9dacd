#!/usr/bin/env python3
"""One entry point for users and CI; needs only Python 3.11 to start.

    python3 warehouse.py build    install (once) and build everything on the sample data
    python3 warehouse.py test     install (once) and run every test (lint, pytest, dbt)
    python3 warehouse.py bench    time builds at sample size and at 1,000,000 ads
    python3 warehouse.py plots    draw the marts' pictures into docs/images/
    python3 warehouse.py dbt ...  run dbt inside the project's environment

The environment is a virtualenv in .venv, installed from requirements.lock
(exact versions) plus this project in editable mode. It is reinstalled only
when requirements.lock or pyproject.toml change. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".install-stamp"
LOCK_INPUTS = [ROOT / "requirements.lock", ROOT / "pyproject.toml"]


def _run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


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
    python = BIN / "python"
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "-r",
        ROOT / "requirements.lock",
    )
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        ROOT,
    )
    STAMP.write_text(_fingerprint())


def dbt(*args: str) -> None:
    _run(BIN / "dbt", *args)


def build() -> None:
    """Build every model, seed and test on the bundled sample, then the docs."""
    dbt("build")
    dbt("docs", "generate")
    database = os.environ.get("AUDIENCE_WAREHOUSE_DB", "audience_warehouse.duckdb")
    print(f"\nwarehouse built: {ROOT / database}")


def test() -> None:
    """Every test: lint (ruff, SQLFluff), then pytest (package, dbt, real data)."""
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
        _run(BIN / "sqlfluff", "lint", "models", "tests/dbt", env=lint_env)
    _run(BIN / "python", "-m", "pytest")


def main(argv: list[str]) -> None:
    commands = {
        "build": build,
        "test": test,
        "bench": lambda: _run(
            BIN / "python", ROOT / "bench" / "run_bench.py", *argv[1:]
        ),
        "plots": lambda: _run(
            BIN / "python", "-m", "audience_warehouse.io.pictures", *argv[1:]
        ),
        "dbt": lambda: dbt(*argv[1:]),
    }
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    ensure_environment()
    commands[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
