"""Benchmark of first and repeat visits on a slow mobile network, with the service worker (not a test).

    .venv/bin/python scripts/bench/bench_offline.py [--kbit 400] [--rtt 400]

Builds the sample site and serves it the way object storage does (text
gzip-compressed, ETag and Last-Modified, 304 when unchanged), slowed down to the
given bandwidth and round trip by the server itself (so that the service
worker's own requests are slowed down too). For the home page and a village
page: bytes sent by the server and time until the page's main heading shows,
on a first visit (empty browser) and a repeat visit (the worker installed).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ENV, ROOT  # noqa: E402
from testkit.browser import PHONE, launched  # noqa: E402

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg"}


def handler(site: Path, counter: dict, rate: float, rtt: float):
    class Slow(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path.split("?")[0]))
            if path.is_dir():
                path = path / "index.html"
            time.sleep(rtt)  # the request's round trip
            if not path.is_file():
                return self._send(404, b"not found", "text/plain", {})
            data = path.read_bytes()
            tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            headers = {"ETag": tag, "Cache-Control": "no-cache",
                       "Last-Modified": email.utils.formatdate(path.stat().st_mtime, usegmt=True)}
            if self.headers.get("If-None-Match") == tag:
                return self._send(304, b"", None, headers)
            kind = self.guess_type(str(path))
            if path.suffix in TEXT:
                data = gzip.compress(data, 6, mtime=0)
                headers["Content-Encoding"] = "gzip"
            if "/assets/photos/" in self.path or ".min." in self.path:
                headers["Cache-Control"] = "public, max-age=31536000, immutable"
            self._send(200, data, kind, headers)

        def _send(self, status, body, kind, headers):
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            sent = 0
            while sent < len(body):  # at the emulated bandwidth
                chunk = body[sent:sent + 4096]
                self.wfile.write(chunk)
                sent += len(chunk)
                time.sleep(len(chunk) / rate)
            with counter["lock"]:
                counter["bytes"] += len(body) + 200  # and about 200 bytes of headers
                counter["requests"] += 1

    return Slow


def visit(context, url: str, counter: dict) -> tuple[int, int, float]:
    with counter["lock"]:
        counter["bytes"] = counter["requests"] = 0
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120000)
    page.wait_for_selector(".md-content article h1", timeout=120000)
    shown = time.perf_counter() - started
    page.wait_for_load_state("load", timeout=120000)
    page.wait_for_timeout(1500)  # the worker's own fetches
    page.close()
    return counter["bytes"], counter["requests"], shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kbit", type=float, default=400)
    parser.add_argument("--rtt", type=float, default=400, help="milliseconds")
    args = parser.parse_args()
    import subprocess

    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, env=ENV,
                       check=True)
        counter = {"bytes": 0, "requests": 0, "lock": threading.Lock()}
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler(site, counter, args.kbit * 1000 / 8, args.rtt / 1000))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        with launched() as browser:
            for label, path in (("home page", ""), ("village page", "villages/huahebian/")):
                context = browser.new_context(**PHONE)
                first = visit(context, base + path, counter)
                context.new_page().goto(base + "news/", wait_until="load", timeout=120000)  # the worker takes over
                repeat = visit(context, base + path, counter)
                rows.append((label, first, repeat))
                context.close()
        server.shutdown()
    print(f"\n{args.kbit:.0f} kbit/s, {args.rtt:.0f} ms round trip (emulated by the server)\n")
    print("| page | first visit | repeat visit |\n| --- | --- | --- |")
    for label, first, repeat in rows:
        print(f"| {label} | {first[0] / 1024:.1f} KiB in {first[1]} requests, text after {first[2]:.1f} s "
              f"| {repeat[0] / 1024:.1f} KiB in {repeat[1]} requests, text after {repeat[2]:.1f} s |")


if __name__ == "__main__":
    main()
