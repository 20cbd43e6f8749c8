"""Editors' mistakes: one clear message each, all in one run, no traceback.

A plain build skips the bad profiles and keeps the rest; --strict fails.
"""

from __future__ import annotations

import pytest
from conftest import village_yaml
from mkdocs.exceptions import Abort

# slug -> (content of village.yml, the message expected for it)
BAD = {
    "syntax": (
        "name: 语法村\ncategory: red-culture\ncounty: 罗田县\nsummary: [没有闭合\n",
        "villages/syntax/village.yml:5: YAML 格式错误：方括号 [ ] 没有闭合（问题从第 4 行开始）",
    ),
    "empty": ("", "villages/empty/village.yml:1: 文件是空的"),
    "only-comment": (
        "# yaml-language-server: $schema=../village.schema.json\n",
        "villages/only-comment/village.yml:1: 文件是空的",
    ),
    "list": ("- name: 列表村\n- category: red-culture\n", "villages/list/village.yml:1: 应为键值对"),
    "gbk": (  # saved by a Chinese Windows editor
        "category: red-culture\nname: 编码村\ncounty: 罗田县\nsummary: 简介\n".encode("gbk"),
        "villages/gbk/village.yml:2: 文件不是 UTF-8 编码",
    ),
    "missing": (
        "name: 缺字段村\ncategory: red-culture\ncounty: 罗田县\n",
        "villages/missing/village.yml:1: summary: 缺少必填字段",
    ),
    "wrong-type": (
        village_yaml(name="类型村", figures="  - label: 户数\n    value: 十二"),
        "villages/wrong-type/village.yml:8: figures[1].value: 应为数字，现在是文字 \"十二\"",
    ),
    "category": (
        village_yaml(name="分类村", category="red-cultur"),
        "villages/category/village.yml:3: category: 未知的分类“red-cultur”，是否想写 red-culture？",
    ),
    "category-name": (
        village_yaml(name="中文分类村", category="红色文化类"),
        "villages/category-name/village.yml:3: category: 未知的分类“红色文化类”，是否想写 red-culture？",
    ),
    "unknown-key": (
        village_yaml(name="拼写村", sumary="多打了字"),
        "villages/unknown-key/village.yml:6: sumary: 未知字段（多半是拼写错误），是否想写 summary？",
    ),
    "Bad_Slug": (village_yaml(name="大写村"), "villages/Bad_Slug/village.yml: slug: 文件夹名“Bad_Slug”"),
    "county": (
        village_yaml(name="县名村", county="罗田"),
        "villages/county/village.yml:4: county: “罗田”不在县（市、区）名单中，应写官方名称 罗田县",
    ),
    "twice": (
        village_yaml(name="重复字段村") + "name: 又写一次\n",
        "villages/twice/village.yml:6: name: 这个字段写了两次（第 2 行已有）",
    ),
    "zz-duplicate": (
        village_yaml(name="花河边村", county="罗田县"),
        "villages/zz-duplicate/village.yml:2: name: 罗田县已有同名的村“花河边村”（villages/good/village.yml）",
    ),
}


def _write_bad_project(project):
    project.village("good", village_yaml(name="花河边村", county="罗田县"))
    for slug, (text, _) in BAD.items():
        project.village(slug, text)
    (project.root / "villages/no-file/photos").mkdir(parents=True)


def test_every_mistake_is_reported_with_file_and_line_in_one_run(project):
    _write_bad_project(project)
    warnings = project.build()

    for slug, (_, expected) in BAD.items():
        assert [w for w in warnings if w.startswith(expected)], f"{slug}: no '{expected}' in {warnings}"
    assert any(w.startswith("villages/no-file/: 文件夹中没有 village.yml") for w in warnings)
    # Nothing else was reported, and nothing twice.
    assert len(warnings) == len(BAD) + 1 == len(set(warnings))


def test_plain_build_skips_bad_profiles_and_keeps_the_rest(project):
    _write_bad_project(project)
    project.build()

    built = sorted(p.name for p in (project.site / "villages").iterdir() if p.is_dir())
    assert built == ["good"]
    cards = project.page("categories/rural-governance/").select(".hg-card__title")
    assert [c.get_text() for c in cards] == ["花河边村"]


def test_strict_build_fails(project):
    _write_bad_project(project)
    with pytest.raises(Abort):
        project.build(strict=True)


def test_messages_suggest_the_valid_choices(project):
    project.village("category", BAD["category"][0])
    project.village("unknown-key", BAD["unknown-key"][0])
    warnings = project.build()
    category = next(w for w in warnings if "category:" in w)
    assert "可选：red-culture（红色文化类）、folk-custom（民俗风情类）" in category
    unknown = next(w for w in warnings if "sumary:" in w)
    assert "可用字段：" in unknown and "township" in unknown


def test_bad_featured_slug_is_reported_with_its_line(project):
    project.village("good", village_yaml())
    project.write("docs/_data/campaign.yml", "figures: []\nfeatured:\n  - good\n  - nowhere\n")
    warnings = project.build()
    assert warnings == [
        "docs/_data/campaign.yml:4: featured[2]: 没有 slug 为“nowhere”的村（或它的档案有错误，已被跳过）"
    ]


def test_command_line_reports_without_traceback(project):
    _write_bad_project(project)
    strict = project.cli("build", "--strict")
    assert strict.returncode != 0
    assert "Traceback" not in strict.stderr + strict.stdout
    assert "villages/category/village.yml:3: category: 未知的分类" in strict.stderr

    plain = project.cli("build")
    assert plain.returncode == 0, plain.stderr
    assert "Traceback" not in plain.stderr + plain.stdout
    assert (project.site / "villages/good/index.html").is_file()
