"""Province-scale build benchmark (not a test).

    .venv/bin/pip install -r requirements-bench.txt   # once: jieba, for the peer build
    .venv/bin/python scripts/bench/bench_build.py [--villages 1000] [--articles 2000] [--photo-villages 200] [--runs 3]

Generates the corpus (scripts/bench/corpus.py: villages in 100 counties, articles
over four years, 6 camera photos of 4000x3000 for some villages, every fourth
turned by EXIF), then measures in the same run, alternating, so that ratios
hold on a noisy machine:
- reference: the same number of plain markdown pages built by MkDocs + Material
  alone (no sidebar entries), without and with Material's search;
- the peer: the same corpus built the way Material documents it (villages as
  markdown pages with tags, the articles in the blog plugin, Material's search
  with jieba: requirements-bench.txt), the yardstick of the build-speed targets;
- this site: a cold build (empty photo cache) and a rebuild with nothing changed;
- the preview: `mkdocs serve` running, one village.yml edited, time until the
  served page shows the edit.
Prints medians with min-max, peak memory, output size and the largest page.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ENV, ROOT, timed_build  # noqa: E402

from bench import corpus  # noqa: E402


def build(project: Path) -> dict:
    result = timed_build(project)
    photos = re.search(r"照片：(\d+) 张，其中 (\d+) 张新处理、(\d+) 张来自缓存，用时 ([\d.]+) 秒", result["log"])
    return {
        **result,
        "photo_seconds": float(photos.group(4)) if photos else 0.0,
        "photos_encoded": int(photos.group(2)) if photos else 0,
        "photos_cached": int(photos.group(3)) if photos else 0,
    }


def site_figures(site: Path) -> tuple[float, int, str]:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return total / 2**20, largest.stat().st_size, largest.relative_to(site).as_posix()


def reference_project(source: Path, out: Path, search: bool) -> Path:
    """The corpus's text as plain markdown pages, built by MkDocs + Material alone."""
    import yaml

    docs = out / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for path in sorted((source / "villages").glob("*/village.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = "\n\n".join([f"# {data['name']}", data["summary"], *data.get("highlights", []), data.get("story", "")])
        (docs / "pages" / f"{path.parent.name}.md").write_text(body, encoding="utf-8")
    for path in sorted((source / "docs/news/posts").glob("*.md")):
        shutil.copy(path, docs / "pages" / path.name)
    plugins = "plugins:\n  - search:\n      separator: '[\\s\\u200b\\-]'\n" if search else "plugins: []\n"
    (out / "mkdocs.yml").write_text(
        "site_name: 参考\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "nav:\n  - index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n" + plugins,
        encoding="utf-8",
    )
    return out


PEER_CONFIG = """site_name: 同类做法
theme:
  name: material
  language: zh
  font: false
  features: [navigation.tabs, navigation.indexes, navigation.prune, navigation.top]
nav:
  - index.md
  - 新闻:
      - news/index.md
  - 标签: tags.md
validation:
  nav:
    omitted_files: ignore
plugins:
  # Material's search for Chinese, as documented: jieba installed
  # (requirements-bench.txt) segments the text, this separator the rest.
  - search:
      separator: '[\\s\\u200b\\-]'
  - blog:
      blog_dir: news
      blog_toc: true
      post_date_format: long
      post_url_format: "{date}/{file}"
      post_url_date_format: yyyy/MM
      post_readtime: true
      archive_date_format: yyyy年M月
      archive_url_date_format: yyyy/MM
      categories_allowed: [工作动态, 经验交流, 媒体报道]
      pagination_per_page: 10
  - tags
markdown_extensions: [toc, attr_list, md_in_html, tables, admonition]
"""


def peer_project(source: Path, out: Path) -> Path:
    """The same corpus built the way Material documents it: each village a markdown
    page tagged with its category and county, the articles in the blog plugin,
    Material's search with jieba, the tags plugin's index. No hooks of ours."""
    import yaml

    categories = {c["key"]: c["name"] for c in yaml.safe_load((source / "villages/categories.yml").read_text("utf-8"))}
    docs = out / "docs"
    (docs / "villages").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "tags.md").write_text("# 标签\n\n<!-- material/tags -->\n", encoding="utf-8")
    for path in sorted((source / "villages").glob("*/village.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        tags = [categories.get(data["category"], data["category"]), data["county"], *data.get("tags", [])]
        figures = "\n".join(f"| {f['label']} | {f['value']} {f.get('unit', '')} |" for f in data.get("figures", []))
        body = [
            "---", f"tags: [{', '.join(tags)}]", "---", f"# {data['name']}", data["summary"],
            f"{data['county']}{data.get('township', '')} · {data.get('party_org', '')}",
            "## 亮点", "\n".join(f"- {line}" for line in data.get("highlights", [])),
            "## 数据", "| 项目 | 数值 |\n| --- | --- |\n" + figures, "## 村的故事", data.get("story", ""),
        ]
        (docs / "villages" / f"{path.parent.name}.md").write_text("\n\n".join(body), encoding="utf-8")
    shutil.copytree(source / "docs/news", docs / "news")
    (out / "mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")
    return out


def preview_latency(project: Path, *options: str) -> float:
    """Seconds from saving a village.yml to the served page showing the edit."""
    port = 8765 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/villages/v0001/"
    village = project / "villages/v0001/village.yml"
    text = village.read_text(encoding="utf-8")
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except Exception:
                time.sleep(0.5)
        marker = f"预览{int(time.time())}村"
        time.sleep(2)  # the first build is served; let the watcher settle
        village.write_text(re.sub(r"^name: .*$", f"name: {marker}", text, flags=re.M), encoding="utf-8")
        edited = time.perf_counter()
        while time.time() < deadline:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode():
                    return time.perf_counter() - edited
            except Exception:
                pass
            time.sleep(0.1)
        return float("nan")
    finally:
        server.terminate()
        server.wait()
        village.write_text(text, encoding="utf-8")


def row(name: str, values: list[float], unit: str = "s") -> str:
    return f"{name:<46} {statistics.median(values):8.1f} {unit} ({min(values):.1f}-{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--photo-villages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the corpus in this folder, and reuse one found there")
    args = parser.parse_args()
    try:
        import jieba  # noqa: F401  (the peer's search segments Chinese with it, as Material documents)
    except ImportError:
        raise SystemExit("the peer build needs jieba: .venv/bin/pip install -r requirements-bench.txt")

    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        project = work / "corpus"
        started = time.perf_counter()
        if (project / "villages").is_dir():
            print(f"reusing the corpus in {project} (its photos take minutes to make)", flush=True)
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            shutil.copytree(ROOT / "docs/stylesheets", project / "docs/stylesheets", dirs_exist_ok=True)
        else:
            made = corpus.write_project(project, args.villages, args.articles, photos=0)
            with ProcessPoolExecutor() as pool:  # camera photos, on every core
                list(pool.map(corpus.add_photos, [project] * args.photo_villages, range(args.photo_villages)))
            print(f"corpus: {made['villages']} villages, {made['articles']} articles, "
                  f"{args.photo_villages * 6} photos, {made['counties']} counties "
                  f"(generated in {time.perf_counter() - started:.0f} s)", flush=True)
        for reference in ("plain", "searched", "peer"):
            shutil.rmtree(work / reference, ignore_errors=True)
        plain = reference_project(project, work / "plain", search=False)
        searched = reference_project(project, work / "searched", search=True)
        peer = peer_project(project, work / "peer")

        results: dict[str, list[dict]] = {"plain": [], "searched": [], "peer": [], "cold": [], "warm": []}
        for run in range(args.runs):
            results["plain"].append(build(plain))
            results["searched"].append(build(searched))
            results["peer"].append(build(peer))
            shutil.rmtree(project / ".cache", ignore_errors=True)
            results["cold"].append(build(project))
            results["warm"].append(build(project))
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]['seconds']:.1f} s" for k, v in results.items()), flush=True)
        size, largest, largest_page = site_figures(project / "site")
        latency = [preview_latency(project) for _ in range(1)]  # a full rebuild: once is enough
        partial = [preview_latency(project, "--dirty") for _ in range(args.runs)]  # what dev.py serve runs

    seconds = {k: [r["seconds"] for r in v] for k, v in results.items()}
    photos = args.photo_villages * 6
    cores = os.cpu_count() or 1
    cold_photo_ms = [r["photo_seconds"] * 1000 * cores / max(photos, 1) for r in results["cold"]]
    warm_photo_ms = [r["photo_seconds"] * 1000 * cores / max(photos, 1) for r in results["warm"]]
    no_photos = [c - r["photo_seconds"] for c, r in zip(seconds["cold"], results["cold"])]
    print(f"\nmedian of {args.runs} runs (min-max), {cores} cores")
    print(row("MkDocs + Material, plain pages, no search", seconds["plain"]))
    print(row("MkDocs + Material, plain pages, its search", seconds["searched"]))
    print(row("this site, cold (empty photo cache)", seconds["cold"]))
    print(row("  of which photos", [r["photo_seconds"] for r in results["cold"]]))
    print(row("  without the photo work", no_photos))
    print(row("this site, rebuild with nothing changed", seconds["warm"]))
    print(row("photos cold, ms per photo per core", cold_photo_ms, "ms"))
    print(row("photos warm, ms per photo per core", warm_photo_ms, "ms"))
    print(row("peak memory, cold build", [r["peak_mib"] for r in results["cold"]], "MiB"))
    print(row("  with its workers counted together (PSS)", [r["tree_mib"] for r in results["cold"]], "MiB"))
    print(row("the peer (Material blog, tags, search + jieba)", seconds["peer"]))
    print(row("  its peak memory (PSS)", [r["tree_mib"] for r in results["peer"]], "MiB"))
    print(row("peak memory, Material + search", [r["peak_mib"] for r in results["searched"]], "MiB"))
    plain_median = statistics.median(seconds["plain"])
    searched_median = statistics.median(seconds["searched"])
    print(f"ratios: without photo work / Material+search {statistics.median(no_photos) / searched_median:.2f} "
          f"(target ≤ 0.6); / Material {statistics.median(no_photos) / plain_median:.2f} (≤ 1.3); "
          f"rebuild / Material {statistics.median(seconds['warm']) / plain_median:.2f} (≤ 1.1)")
    print(f"output {size:.0f} MiB; largest page {largest / 1024:.0f} KiB ({largest_page}); "
          f"preview: edit shown after {statistics.median(latency):.1f} s by `mkdocs serve`")
    print(row("preview, `mkdocs serve --dirty` (dev.py serve)", partial))
    peer_median = statistics.median(seconds["peer"])
    print(f"build speed (issue 18): cold without photo work / peer {statistics.median(no_photos) / peer_median:.2f} "
          f"(target ≤ 0.5); rebuild / peer {statistics.median(seconds['warm']) / peer_median:.2f} (≤ 0.5); "
          f"preview {statistics.median(partial):.1f} s (≤ 3); "
          f"peak memory {max(r['tree_mib'] for r in results['cold']):.0f} MiB (≤ 1024)")


if __name__ == "__main__":
    main()
