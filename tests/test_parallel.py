"""Pages rendered by several processes: the same site byte for byte, and a worker's problems told."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, site_files, village_yaml


def _build(root, site, workers: int, fast: bool = True) -> dict[str, bytes]:
    """A strict `mkdocs build` of the project at ``root`` into ``site``: its files."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=root,
                   check=True, capture_output=True, timeout=300,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1530144000",
                        "PUBLISHER_WORKERS": str(workers), "PUBLISHER_FAST": "1" if fast else "0"})
    return site_files(site)


def test_workers_and_skipped_work_build_the_same_files_as_one_process_doing_everything(tmp_path):
    """The reference: one process, every page's navigation rendered, every excerpt converted
    on every list page. Against it: workers converting and rendering pages, the navigation
    rendered once per state, excerpts converted once."""
    one = _build(REPO, tmp_path / "one", 1, fast=False)
    for workers in (1, 2, 3):
        many = _build(REPO, tmp_path / f"w{workers}", workers)
        assert sorted(many) == sorted(one)
        assert [name for name in one if one[name] != many[name]] == [], workers


@pytest.fixture
def project_with_pages(project):
    for n in range(6):
        project.village(f"v{n}", village_yaml(name=f"测试{n}村"))
    return project


# A build in a fresh process (a single-threaded one, as `mkdocs build` is: the test process
# has threads of other tests), after ``patch`` (code that replaces a function of the engine).
# It prints how it ended, and whether any process it forked is left behind.
HARNESS = """
import logging, os, sys
sys.path.insert(0, {scripts!r})
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from publisher.engine import parallel, render_ahead
parent = os.getpid()
{patch}
logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
config = load_config("mkdocs.yml", strict={strict})
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
except Abort as error:
    print("ABORT", error)
except Exception as error:
    print("FAILED", error)
try:
    print("CHILD LEFT", os.waitpid(-1, os.WNOHANG))
except ChildProcessError:
    print("NO CHILD LEFT")
"""


def _run(project, patch: str, strict: bool = False, workers: int = 2) -> subprocess.CompletedProcess:
    code = HARNESS.format(scripts=str(REPO / "scripts"), patch=patch, strict=strict)
    return subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PUBLISHER_WORKERS": str(workers)})


# The page renderer of the template workers, changed by ``change``.
RENDER = """
original, told = parallel._original, []
def render(page, *args, **kwargs):
    if os.getpid() != parent:
{change}
    return original(page, *args, **kwargs)
parallel._original = render
"""


WARN = """        if not told:  # the first page of the (one) worker
            told.append(page)
            logging.getLogger("mkdocs.plugins.test").warning("在工作进程中发现的问题")"""


def test_a_warning_in_a_worker_is_told_once_and_fails_a_strict_build(project_with_pages):
    plain = _run(project_with_pages, RENDER.format(change=WARN))
    assert plain.stderr.count("在工作进程中发现的问题") == 1, plain.stderr[-2000:]
    assert "ABORT" not in plain.stdout and (project_with_pages.site / "villages/v3/index.html").is_file()
    strict = _run(project_with_pages, RENDER.format(change=WARN), strict=True)
    assert "ABORT Aborted with 1 warnings in strict mode!" in strict.stdout, strict.stdout + strict.stderr[-2000:]


def test_a_failing_worker_stops_the_build(project_with_pages):
    failed = _run(project_with_pages, RENDER.format(change="        raise ValueError('坏了')"))
    assert "FAILED rendering pages in a worker failed" in failed.stdout and "坏了" in failed.stdout


# Noting which pages' markdown the workers converted (render_ahead).
CONVERT = """
original = render_ahead._original_render
def convert(page, *args):
    if os.getpid() != parent:
        with open("converted-by-workers.txt", "a", encoding="utf-8") as out:
            out.write(page.file.src_uri + "\\n")
    return original(page, *args)
render_ahead._original_render = convert
"""


def test_markdown_converted_by_workers_is_taken_and_its_warnings_told_once(project_with_pages):
    project = project_with_pages
    for n in range(4):
        project.write(f"docs/p{n}.md", f"# 第{n}页\n\n见[别处](nowhere{n}.md)。\n")
    for strict in (False, True):
        (project.root / "converted-by-workers.txt").unlink(missing_ok=True)
        done = _run(project, CONVERT, strict=strict)
        converted = (project.root / "converted-by-workers.txt").read_text(encoding="utf-8").split()
        assert any(uri.startswith("villages/") for uri in converted) and any(uri.startswith("p") for uri in converted)
        for n in range(4):  # MkDocs' own link check, in whichever process converted the page
            assert done.stderr.count(f"contains a link 'nowhere{n}.md'") == 1, done.stderr[-3000:]
        if strict:
            assert "ABORT Aborted with" in done.stdout, done.stdout
        else:
            assert "ABORT" not in done.stdout and (project.site / "p1/index.html").is_file()
            for uri in (uri for uri in converted if uri.startswith("p")):  # a worker's conversion, published
                assert "见<a href=" in (project.site / uri.removesuffix(".md") / "index.html").read_text("utf-8")


def test_excerpts_converted_once_and_html_kept_out_of_markdown_make_the_same_site(project_with_pages):
    """Excerpts whose first paragraph links in every way an editor may write, on list pages at
    several depths (the news index, its second page, months, categories), and stories with raw
    HTML of their own: the same files as converting everything every time (PUBLISHER_FAST=0),
    and every computed link leads to its page."""
    project = project_with_pages
    # Stories with raw HTML of their own: converted as written, whatever our blocks around them.
    project.village("v6", village_yaml(name="测试6村", story='|\n  <div class="x">原样</div>\n\n  **粗体**和<span>行内</span>\n\n'
                                                         '  <p>段落 *不转换*</p>\n\n  <div markdown>*要转换*</div>'))
    shutil.copy(REPO / "docs/news/posts/huahebian-cover.jpg", project.root / "docs/news/posts/cover.jpg")
    for n in range(12):
        first = (f"第{n}篇：见[另一篇](a{(n + 1) % 12}.md)、[下文](#xia-wen)、[村](/villages/v1/)、"
                 f"[参考][ref]、<a href=\"a0.md\">原样</a>和[外站](https://example.org/a?b=1&c=2)。"
                 + ("\n\n![示意图](cover.jpg)" if n % 4 == 0 else ""))
        project.article(f"a{n}", f"title: 第{n}篇\ndate: 2018-0{n % 3 + 4}-{n + 1:02d}\n"
                                 f"categories: [{['工作动态', '经验交流'][n % 2]}]\nvillages: [v{n % 6}]",
                        f"{first}\n\n<!-- more -->\n\n## 下文\n\n正文。\n\n[ref]: a{(n + 2) % 12}.md\n")
    reference = _build(project.root, project.root / "reference", 1, fast=False)
    fast = _build(project.root, project.root / "fast", 2)
    assert sorted(fast) == sorted(reference)
    assert [name for name in reference if reference[name] != fast[name]] == []
    story = fast["villages/v6/index.html"].decode("utf-8")
    assert '<div class="x">原样</div>' in story and "<strong>粗体</strong>" in story and "<em>要转换</em>" in story
    lists = [name for name in fast if name.startswith("news/") and "/20" not in name.removeprefix("news/archive/")
             and name.endswith("index.html")]
    assert {"news/index.html", "news/page/2/index.html", "news/category/工作动态/index.html"} <= set(lists)
    for name in lists:
        soup = BeautifulSoup(fast[name].decode("utf-8"), "html.parser")
        excerpts = soup.select("article.md-post--excerpt")
        assert excerpts, name
        for excerpt in excerpts:
            for link in excerpt.select("a[href]"):
                href = link["href"]
                if href.startswith(("http", "/", "#")) or link.get_text() == "原样":
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(href.split("#")[0])))
                assert target + "/index.html" in fast or target in fast, (name, href)


# The fifth page MkDocs reads fails, while the workers convert theirs.
FAIL_FIFTH = """
original, seen = render_ahead._original_populate, []
def populate(page, *args):
    seen.append(page)
    if len(seen) == 5:
        raise ValueError("第五页坏了")
    return original(page, *args)
render_ahead._original_populate = populate
"""


def test_a_build_failing_while_workers_convert_leaves_no_worker_behind(project_with_pages):
    done = _run(project_with_pages, FAIL_FIFTH, workers=3)
    assert "FAILED 第五页坏了" in done.stdout and "NO CHILD LEFT" in done.stdout, done.stdout + done.stderr[-2000:]


def test_the_old_site_is_emptied_aside_and_gone_when_the_build_ends(project_with_pages):
    """site/ is emptied by moving its entries into a hidden folder that a child deletes; a build
    ends with none of it left (nor any a killed build left behind), and keeps the site's own dot files."""
    site = project_with_pages.site
    (site / "stale").mkdir(parents=True)
    (site / "stale/index.html").write_text("旧页面", encoding="utf-8")
    (site / ".hg-emptying-1").mkdir()  # from a build that was killed
    (site / ".hg-emptying-1/old.html").write_text("旧", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project_with_pages.root, check=True,
                   capture_output=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert not (site / "stale").exists()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".nojekyll"]
    assert (site / "villages/v3/index.html").is_file()
