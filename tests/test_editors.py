"""Editors' tools: the content check, scaffolding, the guide, pre-commit."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml
from conftest import REPO, village_yaml


def _cli(project, *args):
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/publisher/cli"), "--config", str(project.root / "mkdocs.yml"), *args],
        capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def test_check_reports_every_problem_without_building(project):
    project.village("good", village_yaml(name="好村"))
    project.village("bad", village_yaml(name="坏村", category="red-cultur", photos="  - file: nowhere.jpg\n    caption: 无\n    alt: 无"))
    project.article("one", "title: 同名\ndate: 2018-06-01\nvillages: [good]")
    project.article("two", "title: 同名\ndate: 2018-06-02")
    project.article("three", "title: 村名写错\ndate: 2018-06-03\nvillages: [goood]")
    project.write("docs/about.md", "# 关于\n\n[示范村](villages/index.md) [好村](villages/good.md) [坏链接](villages/nowhere.md)\n\n"
                  "```\n[代码里的链接](nowhere.md)\n```\n\n`[行内代码](nowhere.md)`\n")
    result = _cli(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(l.startswith("villages/bad/village.yml:3: category: 未知的分类“red-cultur”") for l in lines)
    assert any(l.startswith("docs/news/posts/three.md:4: villages[1]: 未知的示范村“goood”，是否想写 good？") for l in lines)
    assert any(l.startswith("docs/news/posts/two.md:2: title: 与 docs/news/posts/one.md 标题相同") for l in lines)
    assert any(l.startswith("docs/about.md:3: link: 链接指向的“villages/nowhere.md”不存在") for l in lines)
    # Links to generated pages are fine; links inside code are not links.
    assert [l.split("；")[0] for l in lines if l.startswith("docs/about.md")] == [
        "docs/about.md:3: link: 链接指向的“villages/nowhere.md”不存在"
    ]
    assert len(lines) == 4, lines  # (the bad village is skipped, its photos unchecked)
    assert "发现 4 个问题" in result.stderr
    assert not project.site.exists()  # nothing was built

    annotated = _cli(project, "check", "--github").stdout.splitlines()
    assert any(a.startswith("::error file=docs/about.md,line=3,title=link::docs/about.md:3: link:") for a in annotated)
    assert all(a.startswith("::error file=") for a in annotated)


def test_check_finds_bad_photos_by_their_header(project):
    project.write("villages/p/photos/text.jpg", "不是图片".encode())
    project.village("p", village_yaml(name="照片村", photos="  - file: text.jpg\n    caption: 文本\n    alt: 文本"))
    result = _cli(project, "check")
    assert result.returncode == 1
    assert result.stdout.startswith("villages/p/village.yml:7: photos[1].file: 不是可识别的图片文件")


def test_clean_content_passes(project):
    project.village("good", village_yaml(name="好村"))
    result = _cli(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "" and "没有发现问题" in result.stderr


def test_new_village_makes_a_valid_skeleton_and_never_overwrites(project):
    made = _cli(project, "new-village", "xincun", "eco-livable")
    assert made.returncode == 0, made.stderr
    path = project.root / "villages/xincun/village.yml"
    assert (project.root / "villages/xincun/photos").is_dir()
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../village.schema.json\n")
    # Well-formed, but its placeholders are named at their lines until they are replaced.
    left = _cli(project, "check")
    assert left.returncode == 1
    assert [line.split("，")[0] for line in left.stdout.splitlines()] == [
        "villages/xincun/village.yml:3: name: 还是模板里的示例文字“请填写村名”",
        "villages/xincun/village.yml:5: county: 还是模板里的示例文字“请填写县”",
        "villages/xincun/village.yml:6: summary: 还是模板里的示例文字“请用一两句话介绍这个村。”",
    ]
    assert project.build(strict=False) == left.stdout.splitlines()  # the build says the same
    text = path.read_text(encoding="utf-8")
    for placeholder, real in (("请填写村名", "新村"), ("请填写县", "罗田县"), ("请用一两句话介绍这个村。", "新村的简介。")):
        text = text.replace(placeholder, real)
    path.write_text(text, encoding="utf-8")
    assert _cli(project, "check").returncode == 0
    assert project.build(strict=True) == []

    again = _cli(project, "new-village", "xincun", "eco-livable")
    assert again.returncode == 1 and "已经存在" in again.stderr
    assert "name: 新村" in path.read_text(encoding="utf-8")

    for slug in ("Xin Cun", "xin_cun", "index", "新村"):
        refused = _cli(project, "new-village", slug, "eco-livable")
        assert refused.returncode == 1 and "只能由小写英文字母" in refused.stderr, slug
    wrong = _cli(project, "new-village", "other", "eco")
    assert wrong.returncode == 1 and "未知的分类“eco”" in wrong.stderr


def test_new_article_makes_a_draft_and_never_overwrites(project):
    made = _cli(project, "new-article", "first-news")
    assert made.returncode == 0, made.stderr
    path = project.root / "docs/news/posts/first-news.md"
    text = path.read_text(encoding="utf-8")
    assert "draft: true" in text and re.search(r"^date: \d{4}-\d{2}-\d{2}$", text, re.M)
    assert _cli(project, "check").returncode == 0
    assert project.build(strict=True) == []
    assert not list((project.site / "news").rglob("first-news"))  # a draft is not published

    again = _cli(project, "new-article", "first-news")
    assert again.returncode == 1 and "已经存在" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    assert _cli(project, "new-article", "第一篇").returncode == 1


def test_schema_files_loader_and_guide_agree():
    schema = json.loads((REPO / "villages/village.schema.json").read_text(encoding="utf-8"))
    guide = (REPO / "docs/editors.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (必填|可选) \|", guide, re.M))
    assert rows == {name: "必填" if name in schema["required"] else "可选" for name in schema["properties"]}
    # Photo entries' required keys are named in the guide's example.
    for key in schema["properties"]["photos"]["items"]["required"]:
        assert re.search(rf"^\s+(- )?{key}: ", guide, re.M), key
    # The skeleton of new-village names only keys the schema knows.
    from publisher.cli.scaffold import VILLAGE
    keys = set(re.findall(r"^#? ?([a-z_]+):", VILLAGE, re.M)) - {"yaml-language-server"}
    assert keys <= set(schema["properties"]), keys - set(schema["properties"])
    # Every committed village names the schema for editors' IDEs and follows it.
    from jsonschema import Draft202012Validator
    validator = Draft202012Validator(schema)
    for path in REPO.glob("villages/*/village.yml"):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path


def test_pre_commit_runs_the_check():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "python3 scripts/dev.py check"
    assert hook["pass_filenames"] is False


def test_a_broken_authors_file_is_reported_as_itself(project):
    """Not "unknown author" on every article: the file's own mistake, at its line, from check and build alike."""
    project.village("good", village_yaml(name="好村"))
    project.article("one", "title: 一篇\ndate: 2018-06-01\nauthors: [bianjibu]\nvillages: [good]")
    authors = project.root / "docs/news/.authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8").replace("    name:", "    name: [", 1), encoding="utf-8")
    result = _cli(project, "check")
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert re.match(r"docs/news/\.authors\.yml:\d+: YAML 格式错误", line), line
    assert "未知的作者" not in result.stdout

    built = project.cli("build")  # plain or strict: the blog cannot run without its authors
    assert built.returncode == 1
    assert line in built.stderr
    assert "Traceback" not in built.stderr and "Error reading authors file" not in built.stderr
