"""Pure functions of the publisher, without building a site."""

from __future__ import annotations

from pathlib import Path

import pytest
from publisher.content.yamlsource import dotted, read_yaml
from publisher.findings import Finding
from publisher.urls import page_url, relative_url
from publisher.views.markup import format_number, front_matter


@pytest.mark.parametrize("src, directory, url", [
    ("index.md", True, ""),
    ("villages/index.md", True, "villages/"),
    ("villages/huahebian.md", True, "villages/huahebian/"),
    ("villages/huahebian.md", False, "villages/huahebian.html"),
])
def test_page_url(src, directory, url):
    assert page_url(src, directory) == url


@pytest.mark.parametrize("source, target, directory, href", [
    ("villages/a.md", "categories/red-culture.md", True, "../../categories/red-culture/"),
    ("index.md", "villages/a.md", True, "villages/a/"),
    ("villages/a.md", "index.md", True, "../../"),
    ("counties/index.md", "counties/罗田县.md", True, "%E7%BD%97%E7%94%B0%E5%8E%BF/"),
    ("villages/a.md", "categories/x.md", False, "../categories/x.html"),
    ("index.md", "villages/index.md", False, "villages/index.html"),
])
def test_relative_links_between_pages(source, target, directory, href):
    assert relative_url(page_url(source, directory), page_url(target, directory)) == href


def test_yaml_lines_and_dates_stay_text(tmp_path: Path):
    file = tmp_path / "v.yml"
    file.write_text("name: 村\nsources:\n  - title: 报道\n    date: 2018-06-28\n", encoding="utf-8")
    doc = read_yaml(file, "v.yml")
    assert doc.ok
    assert doc.data["sources"][0]["date"] == "2018-06-28"
    assert doc.line_of(("sources", 0, "date")) == 4
    assert doc.line_of(("sources", 0, "missing")) == 3
    assert doc.line_of(("nowhere",)) == 1


def test_dotted_paths_count_items_from_one():
    assert dotted(("figures", 2, "value")) == "figures[3].value"
    assert dotted(()) == ""


def test_finding_format():
    assert str(Finding("villages/a/village.yml", 3, "category", "未知")) == "villages/a/village.yml:3: category: 未知"
    assert str(Finding("villages/a/", None, None, "没有文件")) == "villages/a/: 没有文件"


def test_front_matter_quotes_anything():
    import yaml

    text = front_matter(title='a: "b" # c', description="---")
    assert yaml.safe_load(text.strip("-\n")) == {"title": 'a: "b" # c', "description": "---"}


def test_format_number():
    assert [format_number(v) for v in (15976, 1.2, 9000.0, 10.2)] == ["15976", "1.2", "9000", "10.2"]


@pytest.mark.parametrize("text, expected", [
    ("name: a\nleaders:\n\t- name: b\n", "v.yml:3: YAML 格式错误：用了 Tab 键缩进"),
    ("name: a\nsummary: 说明: 这样\n", "v.yml:2: YAML 格式错误：这一行缩进不对，或文字里含有“: ”"),
    ("name: \"a\nsummary: b\n", "v.yml:3: YAML 格式错误：引号没有闭合（问题从第 1 行开始）"),
])
def test_yaml_syntax_errors_are_explained(tmp_path: Path, text, expected):
    file = tmp_path / "v.yml"
    file.write_text(text, encoding="utf-8")
    [finding] = read_yaml(file, "v.yml").findings
    assert str(finding).startswith(expected)
