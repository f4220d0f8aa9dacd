"""Project-wide rules: what CI requires (real data, a browser) fails there
when missing and skips elsewhere."""

from __future__ import annotations

import pytest

from .. import browser, conftest


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


def test_a_browser_is_required_in_ci_and_skipped_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv(browser.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI requires it"):
        browser.chromium_path()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        browser.chromium_path()
    (tmp_path / "no-chromium").touch()
    assert browser.chromium_path() == str(tmp_path / "no-chromium")
