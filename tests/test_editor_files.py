"""Editors' real files: Windows line ends, byte-order marks, hostile YAML; through the real commands."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

from conftest import REPO, village_yaml

LAUGHS = 'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]\n' + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def _check(project):
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/publisher/cli"), "--config", str(project.root / "mkdocs.yml"), "check"],
        capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def _timed_cli(project, *args):
    """The real `mkdocs` command in a child process: result, seconds, the child's peak memory in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = project.cli(*args)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result, time.perf_counter() - started, max(peak, before) / 1024


def test_windows_line_ends_and_byte_order_marks_are_read_as_they_are_meant(project):
    project.village("huahebian", ("\ufeff" + village_yaml(name="花河边村")).replace("\n", "\r\n").encode())
    project.write("docs/news/posts/crlf.md", (
        "\ufeff---\ntitle: 用记事本保存的新闻\ndate: 2018-06-28\ncategories: [工作动态]\nvillages: [huahebian]\n---\n\n"
        "# 用记事本保存的新闻\n\n第一段。\n"
    ).replace("\n", "\r\n").encode())
    assert _check(project).returncode == 0
    assert project.build(strict=True) == []
    assert project.page("villages/huahebian/").select_one("article h1").get_text() == "花河边村"
    article = project.page("news/2018/06/crlf/")
    assert article.select_one("article h1").get_text() == "用记事本保存的新闻"
    assert "花河边村" in article.select_one(".hg-related").get_text()


def test_a_billion_laughs_file_fails_in_seconds_with_its_line(project):
    project.village("good", village_yaml(name="好村"))
    project.village("laughs", LAUGHS)
    project.write("docs/news/posts/laughs.md", "---\n" + LAUGHS + "---\n\n# 标题\n")
    project.write("villages/categories.yml.bak", LAUGHS)  # not read: only named files are
    expected = {
        "villages/laughs/village.yml:2: 用了 YAML 的锚点和别名（*a）",
        "docs/news/posts/laughs.md:3: 用了 YAML 的锚点和别名（*a）",
    }
    checked = _check(project)
    assert checked.returncode == 1
    assert {line.split("；")[0] for line in checked.stdout.splitlines()} == expected

    strict, seconds, peak = _timed_cli(project, "build", "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert all(line in strict.stderr for line in expected)
    assert seconds < 30 and peak < 200, (seconds, peak)

    plain = project.cli("build")
    assert plain.returncode == 0
    assert (project.site / "villages/good/index.html").is_file()
    assert not (project.site / "villages/laughs").exists()


def test_a_file_too_large_to_be_an_editors_is_not_read(project):
    project.village("good", village_yaml(name="好村"))
    project.village("huge", village_yaml(name="大村", summary="很长" * 10) + "story: |\n" + "  很长的故事。\n" * 200_000)
    checked = _check(project)
    assert checked.returncode == 1
    assert checked.stdout.startswith("villages/huge/village.yml: 文件太大（")
    assert project.build() == [checked.stdout.splitlines()[0]]
    assert (project.site / "villages/good/index.html").is_file()
