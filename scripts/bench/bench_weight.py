"""Page weight of the sample site on a phone (a benchmark, not a test).

    .venv/bin/python scripts/bench/bench_weight.py [--site DIR] [--lighthouse]

Builds the repository's site (or takes a built one), opens one page of each
type in Debian's Chromium at 390x844 (device scale 2, as a mid-range phone)
and records every response of the initial load: the page is loaded, the
network is left to settle, nothing is scrolled, so lazy images below the fold
are not counted. Text (HTML, CSS, JavaScript, JSON, SVG) is counted gzipped at
level 6, as a web server sends it; images as they are. Targets (issue 8):
village page at most 150 KB, home page at most 250 KB.

With --lighthouse, also runs Lighthouse's mobile performance audit (simulated
slow 4G and a 4x slower CPU) on the home, village, gallery and article pages, with
CHROME_PATH=/usr/bin/chromium. Lighthouse is installed on first use with npm
into .cache/lighthouse (pinned below), never a browser.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ENV, ROOT  # noqa: E402
from testkit.browser import CHROMIUM, CHROMIUM_ARGS, COMPRESSED, PHONE, SAMPLE_PAGES, launched, serving  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"  # 13.x needs Node 22; this machine has Node 20
PAGES = {name: path for name, path in SAMPLE_PAGES.items() if name not in ("editors' guide", "not found")}
TARGETS = {"village": 150, "home": 250}


def build_site(out: Path) -> Path:
    site = out / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, env=ENV, check=True)
    return site


def weigh(browser, url: str) -> dict[str, int]:
    """Bytes by kind for the initial load of ``url``, text gzipped."""
    page = browser.new_page(**PHONE)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = defaultdict(int)
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        kind = response.headers.get("content-type", "").split(";")[0]
        if kind.startswith(COMPRESSED):
            size = len(gzip.compress(body, compresslevel=6))
        else:
            size = len(body)
        group = ("html" if kind == "text/html" else "css" if kind == "text/css"
                 else "js" if "javascript" in kind else "image" if kind.startswith("image/") else "other")
        sizes[group] += size
        sizes["requests"] += 1
    page.close()
    sizes["total"] = sum(v for k, v in sizes.items() if k != "requests")
    return dict(sizes)


def lighthouse(url: str) -> float:
    prefix = ROOT / ".cache" / "lighthouse"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--ignore-scripts", LIGHTHOUSE],
                       check=True, stdout=subprocess.DEVNULL)
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [str(binary), url, "--only-categories=performance", "--form-factor=mobile", "--output=json",
         "--quiet", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=True,
    )
    report = json.loads(result.stdout)
    audits = report["audits"]
    print(f"  lighthouse {url}: performance {report['categories']['performance']['score'] * 100:.0f}, "
          f"FCP {audits['first-contentful-paint']['displayValue']}, LCP {audits['largest-contentful-paint']['displayValue']}, "
          f"TBT {audits['total-blocking-time']['displayValue']}, CLS {audits['cumulative-layout-shift']['displayValue']}")
    return report["categories"]["performance"]["score"] * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the repository's)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on four page types")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or build_site(Path(temporary))
        with serving(site, gzip=True) as base, launched() as browser:
            print(f"{'page':<16}{'requests':>9}{'html':>8}{'css':>8}{'js':>8}{'images':>8}{'total KB':>10}  target")
            for name, path in PAGES.items():
                sizes = weigh(browser, base + path)
                kb = {k: v / 1000 for k, v in sizes.items()}
                target = TARGETS.get(name)
                verdict = "" if target is None else f"≤ {target} KB {'✓' if kb['total'] <= target else '✗'}"
                print(f"{name:<16}{sizes['requests']:>9}{kb.get('html', 0):>8.1f}{kb.get('css', 0):>8.1f}"
                      f"{kb.get('js', 0):>8.1f}{kb.get('image', 0):>8.1f}{kb['total']:>10.1f}  {verdict}")
            if args.lighthouse:
                for path in (PAGES["home"], PAGES["village"], PAGES["gallery"], PAGES["article"]):
                    lighthouse(base + path)


if __name__ == "__main__":
    main()
