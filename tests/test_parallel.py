"""Pages rendered by several processes: the same site byte for byte, and a worker's problems told."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
from conftest import REPO, site_files, village_yaml
from mkdocs.exceptions import Abort
from publisher.engine import parallel


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
def project_with_pages(project, monkeypatch):
    for n in range(6):
        project.village(f"v{n}", village_yaml(name=f"测试{n}村"))
    monkeypatch.setenv("PUBLISHER_WORKERS", "2")
    return project


def test_a_warning_in_a_worker_is_told_once_and_fails_a_strict_build(project_with_pages, monkeypatch):
    parent = os.getpid()
    original = parallel._original
    told = []

    def render(page, *args, **kwargs):
        if os.getpid() != parent and not told:  # the first page of the (one) worker
            told.append(page)
            logging.getLogger("mkdocs.plugins.test").warning("在工作进程中发现的问题")
        return original(page, *args, **kwargs)

    monkeypatch.setattr(parallel, "_original", render)
    warnings = project_with_pages.build()
    assert warnings.count("在工作进程中发现的问题") == 1 and told == []  # told by the parent, from the worker
    with pytest.raises(Abort):
        project_with_pages.build(strict=True)
    assert (project_with_pages.site / "villages/v3/index.html").is_file()
    assert (project_with_pages.site / "villages/v4/index.html").is_file()


def test_a_failing_worker_stops_the_build(project_with_pages, monkeypatch):
    parent = os.getpid()
    original = parallel._original

    def render(page, *args, **kwargs):
        if os.getpid() != parent:
            raise ValueError("坏了")
        return original(page, *args, **kwargs)

    monkeypatch.setattr(parallel, "_original", render)
    with pytest.raises(RuntimeError, match="坏了"):
        project_with_pages.build()
