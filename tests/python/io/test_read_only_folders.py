"""Writing into a folder this user may not write to: one message naming the
folder and what to do, a non-zero exit, no traceback.

The commands run in a child process as a user the folder refuses: as
root (who may write anywhere) the child runs as ``nobody`` (uid 65534) on
a folder with mode 555, so the refusal is the operating system's, not a
stand-in; as any other user it runs as that user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and users")
NOBODY = 65534


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder the child may read but not write, under a folder it may
    read (pytest's tmp_path is private to root)."""
    top = Path(tempfile.mkdtemp(prefix="aw-read-only-"))
    top.chmod(0o755)
    folder = top / "read-only"
    folder.mkdir()
    with duckdb.connect(str(folder / "warehouse.duckdb")) as connection:
        connection.sql("create table main.dim_x as select 1 as id")
    (folder / "warehouse.duckdb").chmod(0o644)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)


def run_refused(*command: str, env: dict[str, str] | None = None):
    user = NOBODY if os.geteuid() == 0 else None
    completed = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "HOME": "/tmp",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        user=user,
    )
    return completed.returncode, completed.stdout + completed.stderr


def test_the_folder_refuses_this_child(read_only_folder):
    """The premise: the child really is refused (else the tests below
    would prove nothing)."""
    code, output = run_refused("-c", f"open({str(read_only_folder / 'x')!r}, 'w')")
    assert code != 0 and "PermissionError" in output, output


def test_a_build_beside_a_warehouse_in_a_read_only_folder_says_so(read_only_folder):
    published = read_only_folder / "warehouse.duckdb"
    code, output = run_refused(
        "-c",
        "import sys; sys.path.insert(0, '.'); import warehouse; warehouse.build([])",
        env={"AUDIENCE_WAREHOUSE_DB": str(published)},
    )
    assert code != 0
    assert "Traceback" not in output, output
    assert output.strip().splitlines() == [
        f"cannot write in {read_only_folder}: Permission denied. A build writes"
        f" its lock file and working copy beside the warehouse {published}: get"
        " write access to that folder, or set AUDIENCE_WAREHOUSE_DB to a file"
        " in a folder you can write to. Nothing was built; the published file"
        " is unchanged."
    ], output


@pytest.mark.parametrize(
    ("command", "out"),
    [
        (["export-audience", "--audience", "all_people"], "uploads"),
        (["export-marts"], "bi.duckdb"),
        (["export-table", "main.dim_x"], "dim_x.parquet"),
        (["generate-ads", "--rows", "10"], "ads.parquet"),
    ],
)
def test_a_command_writing_into_a_read_only_folder_says_so(
    read_only_folder, command, out
):
    database = ["--db", str(read_only_folder / "warehouse.duckdb")]
    code, output = run_refused(
        "-m",
        "audience_warehouse.io.cli",
        *command,
        *(database if command[0].startswith("export") else []),
        "--out",
        str(read_only_folder / out),
    )
    assert code == 1
    assert "Traceback" not in output, output
    assert output.strip().splitlines()[-1] == (
        f"audience-warehouse {command[0]}: cannot write in {read_only_folder}:"
        " Permission denied. Choose an output (--out, --out-dir) in a folder you"
        " can write to, or get write access to this one; nothing was written"
        " there."
    ), output
