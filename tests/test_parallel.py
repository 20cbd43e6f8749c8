"""Pages rendered by several processes: the same site byte for byte, and a worker's problems told."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO, site_files, village_yaml


def _build_sample(site, workers: int) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=REPO,
                   check=True, capture_output=True, timeout=300,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1530144000",
                        "PUBLISHER_WORKERS": str(workers)})
    return site_files(site)


def test_one_and_several_workers_build_the_same_files(tmp_path):
    one = _build_sample(tmp_path / "one", 1)
    for workers in (2, 3):
        many = _build_sample(tmp_path / f"w{workers}", workers)
        assert sorted(many) == sorted(one)
        assert [name for name in one if one[name] != many[name]] == [], workers


@pytest.fixture
def project_with_pages(project):
    for n in range(6):
        project.village(f"v{n}", village_yaml(name=f"测试{n}村"))
    return project


# A build in a fresh process (a single-threaded one, as `mkdocs build` is: the test process
# has threads of other tests), with the page renderer of the workers changed by ``change``.
BUILD = """
import logging, os, sys
sys.path.insert(0, {scripts!r})
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from publisher.engine import parallel
parent, original, told = os.getpid(), parallel._original, []
def render(page, *args, **kwargs):
    if os.getpid() != parent:
{change}
    return original(page, *args, **kwargs)
parallel._original = render
config = load_config("mkdocs.yml", strict={strict})
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
except Abort as error:
    print("ABORT", error)
except RuntimeError as error:
    print("FAILED", error)
"""


def _run(project, change: str, strict: bool = False) -> subprocess.CompletedProcess:
    code = BUILD.format(scripts=str(REPO / "scripts"), change=change, strict=strict)
    return subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PUBLISHER_WORKERS": "2"})


WARN = """        if not told:  # the first page of the (one) worker
            told.append(page)
            logging.getLogger("mkdocs.plugins.test").warning("在工作进程中发现的问题")"""


def test_a_warning_in_a_worker_is_told_once_and_fails_a_strict_build(project_with_pages):
    plain = _run(project_with_pages, WARN)
    assert plain.stderr.count("在工作进程中发现的问题") == 1, plain.stderr[-2000:]
    assert "ABORT" not in plain.stdout and (project_with_pages.site / "villages/v3/index.html").is_file()
    strict = _run(project_with_pages, WARN, strict=True)
    assert "ABORT Aborted with 1 warnings in strict mode!" in strict.stdout, strict.stdout + strict.stderr[-2000:]


def test_a_failing_worker_stops_the_build(project_with_pages):
    failed = _run(project_with_pages, "        raise ValueError('坏了')")
    assert "FAILED rendering pages in a worker failed" in failed.stdout and "坏了" in failed.stdout


# The same fresh process, noting which pages' markdown the workers converted (render_ahead).
CONVERT = """
import os, sys
sys.path.insert(0, {scripts!r})
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from publisher.engine import render_ahead
parent, original = os.getpid(), render_ahead._original_render
def convert(page, *args):
    if os.getpid() != parent:
        with open("converted-by-workers.txt", "a", encoding="utf-8") as out:
            out.write(page.file.src_uri + "\\n")
    return original(page, *args)
render_ahead._original_render = convert
import logging
logging.getLogger("mkdocs").addHandler(logging.StreamHandler())
config = load_config("mkdocs.yml", strict={strict})
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
except Abort as error:
    print("ABORT", error)
"""


def test_markdown_converted_by_workers_is_taken_and_its_warnings_told_once(project_with_pages):
    project = project_with_pages
    for n in range(4):
        project.write(f"docs/p{n}.md", f"# 第{n}页\n\n见[别处](nowhere{n}.md)。\n")
    for strict in (False, True):
        (project.root / "converted-by-workers.txt").unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-c", CONVERT.format(scripts=str(REPO / "scripts"), strict=strict)], cwd=project.root,
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PUBLISHER_WORKERS": "2"},
        )
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
