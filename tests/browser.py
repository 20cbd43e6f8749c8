"""Real headless Chromium (Debian's package) through Playwright, and a static server.

Never downloads a browser. Without /usr/bin/chromium a browser test skips
with the install command, except in CI (CI=true), where that is an error.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


# A mid-range phone: the readers' usual screen.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

# One page of each type of the sample site (the repository's own content).
SAMPLE_PAGES = {
    "home": "",
    "village": "villages/huahebian/",
    "category": "categories/rural-governance/",
    "villages overview": "villages/",
    "county index": "counties/",
    "county": "counties/罗田县/",
    "gallery": "gallery/",
    "news": "news/",
    "article": "news/2018/06/huahebian/",
    "archive": "news/archive/2017/08/",
    "news category": "news/category/工作动态/",
    "search results": "search/?q=花河边",
    "editors' guide": "editors/",
    "not found": "404.html",
}


def require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (in CI a missing browser is an error)")
    pytest.skip(message)


@contextmanager
def launched():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(directory: Path):
    """Serve ``directory`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
