"""Benchmark of the site search on a generated corpus, in a real browser (not a test).

    .venv/bin/python scripts/bench/bench_search.py [--villages 1000] [--articles 2000] [--compare-material]

1. Generates the corpus (scripts/bench/corpus.py) and builds it twice, without and
   with the search index: the difference is what indexing costs (time, peak memory).
2. Serves the site and, in Debian's Chromium, types 20 queries into the search
   page with an empty cache each time: time from the last keystroke to the first
   result, and what was downloaded until then (gzip sizes, as a server sends them).
3. Recall and precision of every query against the pages whose text (taken from
   the built HTML) contains the query.
With --compare-material (needs `pip install jieba`) it also builds the corpus
with Material's search plugin for reference.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import timed_build  # noqa: E402
from publisher.search.pages import page_text  # noqa: E402
from publisher.search.tokens import fold  # noqa: E402

from bench.corpus import write_project  # noqa: E402

QUERIES = [
    "脱贫", "油茶", "党建", "乡村振兴", "村集体经济", "沈正东", "高锡文", "罗田县", "大崎镇", "五星级支部",
    "1.2亿", "脱贫攻坚", "油茶基地", "基层党建", "茯苓", "云雾茶", "红旗党支部", "驻村干部", "政治生活馆", "领岗诺责",
]


def build(project: Path, search: bool, material: bool = False) -> tuple[float, float]:
    """Build in a fresh process; return (seconds, peak MiB)."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if not search:
        config = config.replace("    fragments_dir: overrides/fragments\n", "    fragments_dir: overrides/fragments\n    search: false\n")
    if material:
        config = config.replace("plugins:\n", "plugins:\n  - search:\n      separator: '[\\s\\u200b\\-]'\n")
    variant = project / "mkdocs.bench.yml"
    variant.write_text(config, encoding="utf-8")
    result = timed_build(project, variant)
    return result["seconds"], result["peak_mib"]


def ground_truth(site: Path) -> dict[str, str]:
    """URL -> folded text of every village and article page, from the built HTML."""
    texts = {}
    for html in list(site.glob("villages/*/index.html")) + list(site.glob("news/20*/*/*/index.html")):
        content = html.read_text(encoding="utf-8")
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', content, re.S)
        if match:
            url = html.parent.relative_to(site).as_posix() + "/"
            texts[url] = fold(page_text(match.group(1)))
    return texts


def browser_figures(site: Path, texts: dict[str, str]) -> list[dict]:
    from testkit.browser import launched, serving

    rows = []
    with serving(site) as base, launched() as browser:
        for query in QUERIES:
            context = browser.new_context()  # an empty cache for every query
            page = context.new_page()
            sizes: dict[str, int] = {}

            def count(response):
                if "/assets/search/" in response.url or response.url.endswith("hg-search.js"):
                    try:
                        sizes[response.url] = len(gzip.compress(response.body(), 6))
                    except Exception:
                        pass

            page.on("response", count)
            page.goto(base + "search/")
            page.wait_for_load_state("networkidle")
            page.focus("#hg-search-q")
            page.keyboard.type(query, delay=30)
            typed = time.perf_counter()
            page.wait_for_selector(".hg-result, .hg-search__status:has-text('没有找到')")
            first = (time.perf_counter() - typed) * 1000
            downloaded = sum(sizes.values())
            found = set(page.evaluate("q => window.hgSearch.all(q)", query))
            truth = {url for url, text in texts.items() if fold(query) in text}
            hits = len(found & truth)
            rows.append({
                "query": query, "truth": len(truth), "results": len(found),
                "recall": hits / len(truth) if truth else 1.0,
                "precision": hits / len(found) if found else 1.0,
                "first_ms": first, "kib": downloaded / 1024,
            })
            context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind, alternated (median)")
    parser.add_argument("--compare-material", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary) / "corpus"
        made = write_project(project, args.villages, args.articles)
        print(f"corpus: {made}")
        runs = [(build(project, search=False), build(project, search=True)) for _ in range(args.runs)]
        without = tuple(statistics.median(r[0][i] for r in runs) for i in (0, 1))
        with_search = tuple(statistics.median(r[1][i] for r in runs) for i in (0, 1))
        site = project / "site"
        index = site / "assets" / "search"
        files = [p for p in index.rglob("*") if p.is_file()]
        raw = sum(p.stat().st_size for p in files)
        print(f"median of {args.runs} alternated builds of each kind")
        print(f"build without search index: {without[0]:.1f} s, peak {without[1]:.0f} MiB")
        print(f"build with search index:    {with_search[0]:.1f} s, peak {with_search[1]:.0f} MiB "
              f"(+{with_search[0] - without[0]:.1f} s, +{with_search[1] - without[1]:.0f} MiB)")
        print(f"index: {len(files)} files, {raw / 2**20:.1f} MiB raw; "
              f"meta.json {len(gzip.compress((index / 'meta.json').read_bytes())) / 1024:.1f} KiB gzipped")
        texts = ground_truth(site)
        rows = browser_figures(site, texts)
        print(f"\n{'query':<8} {'pages':>6} {'found':>6} {'recall':>7} {'prec.':>6} {'first ms':>9} {'KiB gz':>7}")
        for row in rows:
            print(f"{row['query']:<8} {row['truth']:>6} {row['results']:>6} {row['recall']:>7.1%} "
                  f"{row['precision']:>6.1%} {row['first_ms']:>9.0f} {row['kib']:>7.1f}")
        total_truth = sum(r["truth"] for r in rows)
        total_hits = sum(r["recall"] * r["truth"] for r in rows)
        total_found = sum(r["results"] for r in rows)
        print(f"\nrecall {total_hits / total_truth:.2%} over {total_truth} pages; precision "
              f"{sum(r['precision'] * r['results'] for r in rows) / max(total_found, 1):.2%}; "
              f"first result median {statistics.median(r['first_ms'] for r in rows):.0f} ms "
              f"(max {max(r['first_ms'] for r in rows):.0f}); download median "
              f"{statistics.median(r['kib'] for r in rows):.0f} KiB (max {max(r['kib'] for r in rows):.0f})")
        if args.compare_material:
            try:
                import jieba  # noqa: F401
            except ImportError:
                print("Material search: skipped (pip install jieba)")
                return
            seconds, peak = build(project, search=False, material=True)
            data = (site / "search" / "search_index.json").read_bytes()
            print(f"Material search + jieba: build {seconds:.1f} s, peak {peak:.0f} MiB; index "
                  f"{len(data) / 2**20:.1f} MiB raw, {len(gzip.compress(data)) / 2**20:.2f} MiB gzipped")


if __name__ == "__main__":
    main()
