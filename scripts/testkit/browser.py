"""What the tests and the benchmarks share: real headless Chromium (Debian's package)
through Playwright, a static server, and the sample pages and phone they look at.

Never downloads a browser. Without /usr/bin/chromium a browser test skips
with the install command, except in CI (CI=true), where that is an error.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import io
import mimetypes
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


# Sent compressed by any real host: text, scripts, data.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Gzips text as a real host does (Lighthouse and the page weight measure transfers)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or ""
        if not (path.is_file() and kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # images, the redirect to a trailing slash, not found
        body = gzip_module.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serving(directory: Path, gzip: bool = False):
    """Serve ``directory`` on a free loopback port (text gzipped, with ``gzip``); yields the base URL."""
    handler = functools.partial(_GzipHandler if gzip else _QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
