"""Start a new village or article from a skeleton; never overwrite anything.

The skeleton is well-formed, and its placeholder texts (``content.placeholders``)
are reported by the check until the editor replaces them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..content import placeholders
from ..content.load import RESERVED_SLUGS, SLUG
from ..content.model import Category
from ..findings import Finding

BEIJING = timezone(timedelta(hours=8))


class ScaffoldError(Exception):
    """Nothing was written; ``finding`` says why, for editors."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


def check_slug(slug: str, shown: str) -> None:
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise ScaffoldError(Finding(
            shown, None, "slug",
            f"“{slug}”不能用作名称：只能由小写英文字母、数字和连字符组成（如 huahebian），且不能是 index",
        ))


def new_village(villages: Path, shown: str, slug: str, category: str, categories: list[Category]) -> Path:
    """``shown``: the villages folder as editors see it."""
    check_slug(slug, f"{shown}/{slug}/")
    keys = [c.key for c in categories]
    if category not in keys:
        raise ScaffoldError(Finding(
            f"{shown}/{slug}/village.yml", None, "category",
            f"未知的分类“{category}”；可选：" + "、".join(f"{c.key}（{c.name}）" for c in categories),
        ))
    folder = villages / slug
    if folder.exists():
        raise ScaffoldError(Finding(f"{shown}/{slug}/", None, None, "已经存在，未做任何改动"))
    (folder / "photos").mkdir(parents=True)
    path = folder / "village.yml"
    path.write_text(VILLAGE.format(category=category, p=placeholders), encoding="utf-8")
    return path


def new_article(posts: Path, shown: str, slug: str, authors: list[str], categories: list[str],
                now: datetime | None = None) -> Path:
    """``shown``: the posts folder as editors see it."""
    check_slug(slug, f"{shown}/{slug}.md")
    path = posts / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(Finding(f"{shown}/{slug}.md", None, None, "已经存在，未做任何改动"))
    posts.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now(BEIJING)
    lines = [
        "---",
        f"title: {placeholders.ARTICLE_TITLE}",
        f"date: {now:%Y-%m-%d}",
        *([f"categories: [{categories[0]}]"] if categories else []),
        "tags: []",
        *([f"authors: [{authors[0]}]"] if authors else []),
        "villages: []          # 文章涉及的村：villages/ 下的文件夹名",
        "draft: true           # 草稿：写完后删去这一行才会发布",
        "---",
        "",
        f"# {placeholders.ARTICLE_TITLE}",
        "",
        placeholders.ARTICLE_LEAD,
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


VILLAGE = """\
# yaml-language-server: $schema=../village.schema.json
# 新建的示范村档案。请把中文说明替换成真实内容；字段说明见编辑指南。
name: {p.VILLAGE_NAME}
category: {category}
county: {p.VILLAGE_COUNTY}
summary: {p.VILLAGE_SUMMARY}
# 以下字段可选，不需要的整段删去即可。
# township: {p.OPTIONAL[0]}
# party_org: {p.OPTIONAL[1]}
# leaders:
#   - name: {p.OPTIONAL[2]}
#     role: 村党支部书记
# figures:
#   - label: 村集体经济收入
#     value: 10
#     unit: 万元
#     year: 2018
# highlights:
#   - {p.OPTIONAL[3]}
# story: |
#   {p.STORY_START}，段与段之间空一行。
# tags: [{p.OPTIONAL[7]}]
# photos:
#   - file: IMG_0001.jpg
#     caption: {p.OPTIONAL[4]}
#     alt: {p.OPTIONAL[5]}
# sources:
#   - title: {p.OPTIONAL[6]}
#     date: 2018-06
"""
