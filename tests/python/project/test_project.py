"""Project-wide rules: documentation coverage, real-data handling."""

from __future__ import annotations

import json

import pytest

from .. import conftest

pytestmark = pytest.mark.dbt


def test_every_model_seed_and_column_is_documented(
    sample_warehouse, dbt_runner, tmp_path
):
    """`dbt docs generate` works on the built sample, and its catalog has a
    description for every model, seed, source and column."""
    copy = conftest.writable_copy(sample_warehouse, tmp_path)
    result = dbt_runner(copy.path, "docs", "generate")
    assert result.returncode == 0, result.output[-4000:]
    target = copy.path.parent / "target"
    # dbt copies the pictures beside the site (asset-paths).
    assert (target / "docs" / "images" / "interests_pca.png").is_file()
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    missing = []
    for unique_id, entry in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(unique_id) or manifest["sources"][unique_id]
        if not node.get("description", "").strip():
            missing.append(unique_id)
        documented = {
            name.lower()
            for name, column in node["columns"].items()
            if column.get("description", "").strip()
        }
        missing += [
            f"{unique_id}.{name}"
            for name in entry["columns"]
            if name.lower() not in documented
        ]
    assert not missing, "undocumented: " + ", ".join(sorted(missing))


def test_real_data_is_required_in_ci_and_skipped_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv(conftest.REAL_DATA_ENV, str(tmp_path / "absent"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI requires it"):
        conftest.real_data_dir()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        conftest.real_data_dir()
    (tmp_path / "absent").mkdir()
    assert conftest.real_data_dir() == tmp_path / "absent"
