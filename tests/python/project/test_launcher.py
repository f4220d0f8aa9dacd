"""The tests' dbt launcher (tests/python/dbt_launcher.py) may make dbt
faster, never more lenient: its validation cache still refuses every dict
that dbt's own validation refuses, each time it is asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from dataclasses import dataclass
from typing import Optional
sys.path.insert(0, sys.argv[1])
import dbt_launcher
from dbt_common.dataclass_schema import ValidationError, dbtClassMixin
from dbt.artifacts.resources.v1.model import ModelConfig

@dataclass
class Node(dbtClassMixin):
    name: str
    size: int = 0
    database: Optional[str] = None

dbt_launcher._cache_validation()

def refused(cls, data):
    try:
        cls.validate(data)
    except ValidationError:
        return True
    return False

for _ in range(2):  # the second time answers from the cache, if at all
    assert not refused(ModelConfig, {"materialized": "table"})
    assert refused(ModelConfig, {"materialized": 5})
    assert not refused(Node, {"name": "a", "database": "one"})
    # another database's name: the same answer (a text field, any text)
    assert not refused(Node, {"name": "a", "database": "two"})
    assert refused(Node, {"name": "a", "database": 7})
    assert refused(Node, {"name": 5})
    assert refused(Node, {"name": "a", "size": "big"})
    assert not refused(Node, {"name": "a", "size": 3})
print("ok")
"""


def test_the_validation_cache_refuses_what_dbt_refuses() -> None:
    launcher_folder = Path(__file__).resolve().parents[1]
    completed = subprocess.run(
        [sys.executable, "-c", CHECK, str(launcher_folder)],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.strip() == "ok"
