"""Headless Chromium for the tests that look at pages as a person does.

The browser is Debian's ``chromium`` (``python3 warehouse.py test`` installs
it when it can), driven by Playwright's Python client; no browser is
downloaded. ``$AUDIENCE_WAREHOUSE_CHROMIUM`` points at another binary. In CI
(CI=true) a missing browser fails the test; elsewhere it skips, like the
real-data tests.

Screenshots are test artefacts: they are written to ``test-artifacts/``
(``$AUDIENCE_WAREHOUSE_ARTIFACTS`` to move it) and kept after the run, to be
looked at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM_ENV = "AUDIENCE_WAREHOUSE_CHROMIUM"
ARTEFACTS_ENV = "AUDIENCE_WAREHOUSE_ARTIFACTS"

# What the machine's closed network needs: no background connections, no
# sandbox as root, no GPU (headless).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The browser binary, or skip (fail in CI) with how to get one."""
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium")
    if path and Path(path).is_file():
        return path
    message = (
        "no Chromium found (install Debian's `chromium` package: "
        f"`python3 warehouse.py test` does so as root; or set {CHROMIUM_ENV})"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; CI requires it")
    pytest.skip(message)


def artefacts_dir(name: str) -> Path:
    base = Path(os.environ.get(ARTEFACTS_ENV, ROOT / "test-artifacts"))
    directory = base / name
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free localhost port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What a page said while it was open: console errors, uncaught
    exceptions, and responses that failed (status >= 400 or no answer)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text)
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                self.bad_responses.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        page.on(
            "requestfailed",
            lambda request: self.bad_responses.append(f"failed {request.url}"),
        )


@contextmanager
def open_page(width: int = 1280, height: int = 900) -> Iterator[tuple[object, PageLog]]:
    """A fresh headless Chromium page and its log."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            log = PageLog()
            log.attach(page)
            yield page, log
        finally:
            browser.close()


# Images of a page as the browser holds them: whether each finished loading
# and how wide it decoded (0 = broken or empty).
IMAGES_JS = """
selector => Array.from(document.querySelectorAll(selector)).map(img => ({
    src: img.getAttribute('src'), complete: img.complete,
    width: img.naturalWidth, height: img.naturalHeight}))
"""
