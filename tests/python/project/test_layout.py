"""The project's shape, checked: layers read downward, every node carries
its domain's tag, every table has a tested key, samples read twice are
tables, Python models stay thin, only the io package opens files or the
warehouse, dependencies are declared, and the README's layout is the tree."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

PACKAGE = ROOT / "src" / "audience_warehouse"
DOMAINS = ["ads", "segmentation", "fans", "audiences", "interests"]
PURE_PARTS = ["core", *DOMAINS]


@pytest.fixture(scope="module")
def manifest(sample_warehouse) -> dict:
    path = sample_warehouse.path.parent / "target" / "manifest.json"
    return json.loads(path.read_text())


def models(manifest: dict) -> dict[str, dict]:
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
    }


def layer(node: dict) -> str:
    """staging / intermediate / marts, from the name's prefix (a Python model
    takes its layer's prefix)."""
    name = node["name"]
    if name.startswith("stg_"):
        return "staging"
    if name.startswith("int_"):
        return "intermediate"
    assert name.startswith(("fct_", "dim_")), f"{name}: no layer prefix"
    return "marts"


def test_layers_read_downward(manifest):
    all_models = models(manifest)
    by_id = {node["unique_id"]: node for node in all_models.values()}
    rank = {"staging": 0, "intermediate": 1, "marts": 2}
    wrong = []
    for node in all_models.values():
        for parent_id in node["depends_on"]["nodes"]:
            parent = by_id.get(parent_id)
            if parent is None:
                continue  # a seed or source
            if rank[layer(parent)] > rank[layer(node)]:
                wrong.append(f"{node['name']} reads {parent['name']}")
            if layer(node) == "staging":
                wrong.append(f"{node['name']} (staging) reads a model")
    assert not wrong, "; ".join(wrong)


def test_staging_folders_are_source_systems_and_others_are_domains(manifest):
    for node in models(manifest).values():
        parts = Path(node["original_file_path"]).parts
        if layer(node) == "staging":
            source_system = node["name"].removeprefix("stg_").split("__")[0]
            assert parts[:3] == ("models", "staging", source_system), node["name"]
        elif parts[0] == "models":
            assert parts[2] in DOMAINS, node["original_file_path"]
        else:
            assert parts[:2] == ("python_models", parts[1]) and parts[1] in DOMAINS


def test_every_model_and_seed_carries_exactly_one_domain_tag(manifest):
    untagged = [
        f"{node['name']}: {node['tags']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] in {"model", "seed"}
        and len(set(node["tags"]) & set(DOMAINS)) != 1
    ]
    assert not untagged, "; ".join(untagged)


def test_every_table_has_a_tested_key(manifest):
    keyed: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or "test_metadata" not in node:
            continue
        test_name = node["test_metadata"]["name"]
        if test_name in {"unique", "unique_combination"}:
            for parent in node["depends_on"]["nodes"]:
                keyed.setdefault(parent, set()).add(test_name)
    missing = [
        node["name"]
        for node in models(manifest).values()
        if node["config"]["materialized"] == "table" and node["unique_id"] not in keyed
    ]
    assert not missing, "tables without a unique key test: " + ", ".join(missing)


def test_samples_and_models_read_by_several_python_models_are_tables(manifest):
    all_models = models(manifest)
    python_children: dict[str, int] = {}
    for node in all_models.values():
        if node["language"] == "python":
            for parent in node["depends_on"]["nodes"]:
                python_children[parent] = python_children.get(parent, 0) + 1
    views = [
        node["name"]
        for node in all_models.values()
        if node["config"]["materialized"] == "view"
        and (
            node["name"].endswith("_sample")
            or python_children.get(node["unique_id"], 0) > 1
        )
    ]
    assert not views, "recomputed per reader: " + ", ".join(views)


def python_model_files() -> list[Path]:
    return sorted((ROOT / "python_models").rglob("*.py"))


@pytest.mark.parametrize("path", python_model_files(), ids=lambda path: path.stem)
def test_python_models_are_thin_adapters(path):
    source = path.read_text()
    tree = ast.parse(source)
    imported = {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert imported <= {"audience_warehouse"}, f"imports {imported}"
    # Everything but the lock itself is imported under it (IMPORT_LOCK says why).
    outside_lock = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and [alias.name for alias in node.names] != ["IMPORT_LOCK"]
    ] + [
        alias.name
        for node in tree.body
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    locked = [
        node
        for node in tree.body
        if isinstance(node, ast.With)
        and ast.unparse(node.items[0].context_expr) == "IMPORT_LOCK"
    ]
    assert not outside_lock, f"imported outside IMPORT_LOCK: {outside_lock}"
    assert len(locked) == 1 and all(
        isinstance(node, ast.Import | ast.ImportFrom) for node in locked[0].body
    ), "one `with IMPORT_LOCK:` block holding the imports"
    code_lines = [
        line
        for line in source.splitlines()
        if line.strip() and not line.strip().startswith(("#", '"""'))
    ]
    assert len(code_lines) <= 20, f"{len(code_lines)} lines of code"
    assert source.count("dbt.config.meta_get(") == 1
    assert 'dbt.config.meta_get("params")' in source


@cache
def package_modules() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(PACKAGE)): ast.parse(path.read_text())
        for path in PACKAGE.rglob("*.py")
    }


IO_CALLS = {"open", "connect", "read_text", "write_text", "read_bytes",
            "write_bytes", "read_csv", "read_parquet", "to_parquet",
            "write_parquet", "savefig", "mkdir"}  # fmt: skip


@pytest.mark.parametrize("part", PURE_PARTS)
def test_core_and_domain_folders_open_no_file_or_database(part):
    offending = []
    for name, tree in package_modules().items():
        if not name.startswith(part + "/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                if any(m.split(".")[0] in {"duckdb", "os", "pathlib"} for m in modules):
                    offending.append(f"{name}: imports {modules}")
                if any(m.startswith("audience_warehouse.io") for m in modules):
                    offending.append(f"{name}: imports the io package")
            if isinstance(node, ast.Call):
                function = node.func
                called = (
                    function.attr
                    if isinstance(function, ast.Attribute)
                    else getattr(function, "id", "")
                )
                if called in IO_CALLS:
                    offending.append(f"{name}:{node.lineno} calls {called}")
    assert not offending, "; ".join(offending)


def test_tests_mirror_the_package():
    tests = ROOT / "tests" / "python"
    for part in [*PURE_PARTS, "io"]:
        assert (PACKAGE / part).is_dir() and (tests / part).is_dir(), part
        assert list((tests / part).glob("test_*.py")), part
    for domain in DOMAINS:
        for layer_dir in ["models/intermediate", "models/marts", "python_models"]:
            assert (ROOT / layer_dir / domain).is_dir(), f"{layer_dir}/{domain}"


DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "yaml": "pyyaml",
    "dbt": "dbt-core",
    "dbt_common": "dbt-common",
}


def third_party_imports(paths: list[Path]) -> set[str]:
    standard = set(__import__("sys").stdlib_module_names)
    imported = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
    return {
        DISTRIBUTIONS.get(module, module).lower()
        for module in imported - standard - {"audience_warehouse"}
    }


@pytest.mark.parametrize(
    ("folder", "groups"),
    # The Spark target's runner (io/spark.py) and its test import dbt and
    # pyspark: the spark extra.
    [("src", ["dependencies", "spark"]),
     ("tests", ["dependencies", "test", "spark"]),
     ("bench", ["dependencies"])],
)  # fmt: skip
def test_every_third_party_import_is_a_declared_dependency(folder, groups):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lists = {
        "dependencies": project["dependencies"],
        **project["optional-dependencies"],
    }
    declared = {
        re.split(r"[<>=\[ ]", item)[0].lower()
        for group in groups
        for item in lists[group]
    }
    undeclared = third_party_imports(sorted((ROOT / folder).rglob("*.py"))) - declared
    assert not undeclared, f"{folder} imports, not in pyproject.toml: {undeclared}"


def test_the_readme_layout_matches_the_tree():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    listed = [line.split()[0] for line in block.splitlines() if line.strip()]
    assert listed, "no layout block in the README"
    for entry in listed:
        pattern = entry.rstrip("/")
        if "<domain>" in pattern:
            for domain in DOMAINS:
                assert (ROOT / pattern.replace("<domain>", domain)).exists(), entry
        elif "<source_system>" in pattern:
            assert any((ROOT / "models" / "staging").iterdir()), entry
        else:
            assert (ROOT / pattern).exists(), entry
    for top in ["core", "io", "<domain>"]:
        assert any(f"audience_warehouse/{top}" in entry for entry in listed), top
    # And the other way: every folder of the project is in the block.
    folders = [
        path.relative_to(ROOT).as_posix() + "/"
        for parent in ["", "models", "macros", "seeds", "tests", "tests/python"]
        for path in sorted((ROOT / parent).iterdir())
        if path.is_dir()
        and not path.name.startswith((".", "_"))
        and path.name not in {"target", "logs", "dbt_packages", "src"}
        and not path.name.endswith(".egg-info")
        and not is_git_ignored(path)  # such as test-artifacts/ after a run
    ]
    generic = [entry.split("<")[0] for entry in listed]
    unlisted = [
        folder
        for folder in folders
        if not any(entry.startswith(folder) for entry in listed)
        and not any(prefix and folder.startswith(prefix) for prefix in generic)
        and folder.rstrip("/").rsplit("/", 1)[0] + "/" not in generic
    ]
    assert not unlisted, f"folders missing from the README layout: {unlisted}"


def is_git_ignored(path: Path) -> bool:
    check = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=ROOT)
    return check.returncode == 0


def test_dbt_version_is_required():
    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    assert project["require-dbt-version"] == [">=1.11.0", "<1.12.0"]


LOAD_ON_THREADS = """
import importlib.util, sys, threading
errors = []
def load(path):
    try:
        spec = importlib.util.spec_from_file_location(path.split("/")[-1][:-3], path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    except Exception as error:
        errors.append(f"{path}: {error!r}")
threads = [threading.Thread(target=load, args=(path,)) for path in sys.argv[1:]]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("\\n".join(errors))
sys.exit(1 if errors else 0)
"""


def test_python_models_load_together_on_threads():
    # As dbt-duckdb runs them: each model file executed on its own thread, all
    # at once, in a fresh interpreter. Without IMPORT_LOCK about half of such
    # runs fail with a partially initialised scikit-learn module.
    paths = [str(path) for path in python_model_files()]
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", LOAD_ON_THREADS, *paths],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr


def test_no_unit_test_reads_a_users_file(manifest):
    """A unit test reads its fixtures, whatever file a user's vars name: each
    one on a model that calls ``var('<name>_path')`` sets that var to "" in
    its overrides (else a user's own file, even a copy of the seed, makes
    the unit test fail and skips everything downstream)."""
    by_name = models(manifest)
    reading = re.compile(r"var\(\s*['\"](\w+_path)['\"]")
    problems = []
    assert manifest["unit_tests"], "no unit tests in the manifest"
    for test in manifest["unit_tests"].values():
        model = by_name[test["model"]]
        overridden = (test.get("overrides") or {}).get("vars") or {}
        for name in sorted(set(reading.findall(model["raw_code"]))):
            if overridden.get(name) != "":
                problems.append(f"{test['name']} on {model['name']}: {name}")
    assert not problems, f"unit tests that read a user's file: {problems}"
