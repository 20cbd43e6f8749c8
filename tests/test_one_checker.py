"""One checker: `dev.py check`, `mkdocs build` and `mkdocs serve` find the same problems in the same words.

Each case is built for real: the check's lines are the build's warnings; a
plain build skips the bad item and publishes the rest; --strict fails.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO, village_yaml
from mkdocs.exceptions import Abort
from samples.synthetic_photos import camera_jpeg, landscape


def _check(project) -> tuple[list[str], str]:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/publisher/cli"), "--config", str(project.root / "mkdocs.yml"), "check"],
        capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return result.stdout.splitlines(), result.stderr


def _agree(project) -> list[str]:
    """The check's findings, which must be exactly the build's warnings; --strict must fail on them."""
    checked, _ = _check(project)
    built = [w for w in project.build() if not w.startswith("内容检查发现")]
    assert sorted(built) == sorted(checked)
    if checked:
        with pytest.raises(Abort):
            project.build(strict=True)
    return checked


def _photo(project, slug: str, name: str, seed: int) -> None:
    project.write(f"villages/{slug}/photos/{name}", camera_jpeg(landscape(320, 240, seed=seed)))


PHOTO = "  - file: {0}\n    caption: 说明（示意图）\n    alt: 画面"


def test_a_photo_listed_twice_is_refused_by_check_and_build_alike(project):
    _photo(project, "huahebian", "a.jpg", 1)
    _photo(project, "huahebian", "copy.jpg", 1)  # the same photo under another name
    _photo(project, "huahebian", "b.jpg", 2)
    photos = "\n".join(PHOTO.format(name) for name in ("a.jpg", "b.jpg", "a.jpg", "copy.jpg"))
    project.village("huahebian", village_yaml(photos=photos))
    found = _agree(project)
    assert [line.split("；")[0] for line in found] == [
        "villages/huahebian/village.yml:13: photos[3].file: “a.jpg”已在第 7 行列出过",
        "villages/huahebian/village.yml:16: photos[4].file: 这张照片重复了（与 villages/huahebian/photos/a.jpg 内容相同）",
    ]
    # The plain build publishes the village with each photo once.
    shown = {a["href"] for a in project.page("villages/huahebian/").select("a.glightbox")}
    assert len(shown) == 2


def test_links_are_checked_against_the_pages_that_will_exist_in_every_form(project):
    project.village("huahebian", village_yaml())
    project.village("daqiao", village_yaml(name="大桥村", story=(
        "  第一段，见[花河边村](../huahebian/)。\n\n"
        "  第二段，[拼错的村](../huahebain/)和[站内网址](/villages/huahebian/)。\n\n"
        "  第三段，[不存在的县](/counties/罗天县/)。"
    )))
    project.article("first", "title: 第一篇\ndate: 2018-06-01\nvillages: [huahebian]")
    project.article("second", "title: 第二篇\ndate: 2018-06-02", body=(
        "第一段。\n\n"
        "[相对网址](../../../../villages/huahebian/) [站内网址](/villages/daqiao/) "
        "[文件](../../villages/huahebian.md) [文章](/news/2018/06/first/) [上一篇](../first/) [县](/counties/罗田县/)\n\n"
        "[坏一](/villages/nosuch/) [坏二](../../../../villages/huahebain/)\n"
    ))
    found = _agree(project)
    assert sorted(found) == sorted([
        "docs/news/posts/second.md:10: link: 链接指向的“/villages/nosuch/”不存在；站内链接请写成网址，"
        "如 /villages/huahebian/（村）、/counties/罗田县/（县）；注意拼写",
        "docs/news/posts/second.md:10: link: 链接指向的“../../../../villages/huahebain/”不存在；是否想写 /villages/huahebian/？",
        "villages/daqiao/village.yml:9: story: 链接指向的“../huahebain/”不存在；是否想写 /villages/huahebian/？",
        "villages/daqiao/village.yml:11: story: 链接指向的“/counties/罗天县/”不存在；是否想写 /counties/罗田县/？",
    ])
    # Site addresses work under any base path: the build makes them relative.
    links = {a.get_text(): a["href"] for a in project.page("news/2018/06/second/").select("article a")}
    assert links["站内网址"] == "../../../../villages/daqiao/"
    assert links["县"] == "../../../../counties/%E7%BD%97%E7%94%B0%E5%8E%BF/"
    assert (project.site / "villages/daqiao/index.html").is_file()


def test_a_link_to_a_village_with_errors_says_so(project):
    project.village("huahebian", village_yaml(county="罗田"))
    project.village("daqiao", village_yaml(name="大桥村", story="  见[花河边村](/villages/huahebian/)。"))
    found = _agree(project)
    assert found[0].startswith("villages/daqiao/village.yml:7: story: 链接指向的村“huahebian”的档案有错误")


def test_an_article_naming_a_broken_village_is_published_without_its_card(project):
    project.village("huahebian", village_yaml(county="麻城县"))
    project.village("feiyue", village_yaml(name="飞跃村", county="蕲春县"))
    project.article("both", "title: 两个村\ndate: 2018-06-01\nvillages: [huahebian, feiyue, 大桥村]")
    found = _agree(project)
    assert found == [
        "docs/news/posts/both.md:4: villages[1]: 村“huahebian”的档案有错误（见对 villages/huahebian/village.yml 的提示），"
        "本文照常发布，但暂不显示这个村的卡片；修正档案后会自动恢复",
        "docs/news/posts/both.md:4: villages[3]: 未知的示范村“大桥村”。可选：feiyue；本文照常发布，但不显示这个村的卡片",
        "villages/huahebian/village.yml:4: county: “麻城县”不在县（市、区）名单中，应写官方名称 麻城市。可选：黄州区、团风县、"
        "红安县、罗田县、英山县、浠水县、蕲春县、黄梅县、龙感湖管理区、麻城市、武穴市（名单见 villages/counties.yml）",
    ]
    cards = [h.get_text(strip=True) for h in project.page("news/2018/06/both/").select(".hg-card__title")]
    assert cards == ["飞跃村"]


@pytest.mark.parametrize("written, suggested", [
    ("麻城县", "麻城市"), ("罗田", "罗田县"), ("黄冈市罗田县", "罗田县"), ("罗天县", "罗田县"), ("武穴县", "武穴市"),
])
def test_a_county_near_miss_gets_its_official_name(project, written, suggested):
    project.village("huahebian", village_yaml(county=written))
    found, _ = _check(project)
    assert found == [f"villages/huahebian/village.yml:4: county: “{written}”不在县（市、区）名单中，应写官方名称 {suggested}。"
                     "可选：黄州区、团风县、红安县、罗田县、英山县、浠水县、蕲春县、黄梅县、龙感湖管理区、麻城市、武穴市"
                     "（名单见 villages/counties.yml）"]


def test_county_pages_follow_the_official_order(project):
    for slug, name, county in (("a", "甲村", "武穴市"), ("b", "乙村", "黄州区"), ("c", "丙村", "麻城市"), ("d", "丁村", "红安县")):
        project.village(slug, village_yaml(name=name, county=county))
    assert project.build(strict=True) == []
    listed = [p.get_text(strip=True) for p in project.page("counties/").select(".hg-card__title")]
    assert listed == ["黄州区", "红安县", "麻城市", "武穴市"]  # by code, not by name


@pytest.mark.parametrize("value, advice", [
    ("1.2亿", "写成 value: 1.2，另起一行写 unit: 亿元"),
    ("12户", "写成 value: 12，另起一行写 unit: 户"),
    ("9000多元", "写成 value: 9000，另起一行写 unit: 多元"),
    ("１２", "写成 value: 12（"),
])
def test_a_figure_written_with_its_unit_is_told_how_to_split_it(project, value, advice):
    project.village("huahebian", village_yaml(figures=f"  - label: 村集体收入\n    value: {value}\n    year: 2018"))
    found, _ = _check(project)
    assert len(found) == 1 and found[0].startswith("villages/huahebian/village.yml:8: figures[1].value: ")
    assert advice in found[0], found


def test_an_article_skeleton_left_unwritten_is_refused_once_it_is_no_draft(project):
    project.article("draft", "title: 请填写标题\ndate: 2018-06-01\ndraft: true", body="# 请填写标题\n\n第一段是列表页显示的摘要。\n")
    project.article("live", "title: 请填写标题\ndate: 2018-06-02", body="# 请填写标题\n\n第一段是列表页显示的摘要。\n")
    found = _agree(project)
    assert [line.split("，")[0] for line in found] == [
        "docs/news/posts/live.md:2: title: 还是模板里的示例文字“请填写标题”",
        "docs/news/posts/live.md:6: 正文中还有模板里的示例文字“# 请填写标题”",
        "docs/news/posts/live.md:8: 正文中还有模板里的示例文字“第一段是列表页显示的摘要。”",
    ]


def test_check_counts_every_file_it_read_broken_ones_included(project):
    project.village("good", village_yaml(name="好村"))
    project.village("bad", "name: [\n")
    project.write("villages/empty/village.yml", b"")
    project.article("ok", "title: 好文章\ndate: 2018-06-01")
    project.article("broken", "title: [\ndate: 2018-06-01")
    _, summary = _check(project)
    assert "检查了 3 个村（其中 2 个的档案有错误，已跳过）、2 篇文章（其中 1 篇有错误，已跳过）、0 张照片" in summary
    assert "发现 3 个问题，涉及 3 个文件" in summary


def test_serve_shows_the_problems_at_the_address_of_a_bad_article_and_in_its_404(project):
    project.village("huahebian", village_yaml())
    project.article("good", "title: 好文章\ndate: 2018-06-01\nvillages: [huahebian]")
    project.article("bad", "title: 坏文章\ndate: 2018-06-03\ncategories: [工作动太]")
    warnings = project.build(command="serve")
    problem = [w for w in warnings if w.startswith("docs/news/posts/bad.md")]
    assert len(problem) == 1
    shown = [li.get_text() for li in project.page("news/2018/06/bad/").select(".publisher-problems li")]
    assert shown == problem
    assert "改好并保存后，这一页会自动刷新" in project.page("news/2018/06/bad/").get_text()
    lost = project.page("404.html")
    assert lost.h1.get_text() == "找不到这一页"
    assert [li.get_text() for li in lost.select(".publisher-problems li")] == problem
    # A build never has them.
    project.build()
    assert not (project.site / "news/2018/06/bad").exists()
    assert not project.page("404.html").select(".publisher-problems")


def test_dev_py_speaks_chinese_and_hides_mkdocs_english_progress(project):
    import dev

    project.village("huahebian", village_yaml(county="麻城县"))
    result = project.cli("build", "--strict")
    shown = [line for line in map(dev.editors_line, (result.stderr + result.stdout).splitlines()) if line is not None]
    assert shown[0] == "正在生成网站……"
    assert any(line.startswith("问题：villages/huahebian/village.yml:4: county: “麻城县”不在县（市、区）名单中") for line in shown)
    assert shown[-1] == "有 1 个问题，网站没有生成。请按上面每一行的提示修改。"
    assert not [line for line in shown if not re.search(r"[\u4e00-\u9fff]", line)], shown  # no English line left
    assert dev.editors_line("INFO    -  [21:14:42] Serving on http://127.0.0.1:8000/") == (
        "预览地址：http://127.0.0.1:8000/  （保存文件后页面会自动刷新；按 Ctrl+C 停止）")
