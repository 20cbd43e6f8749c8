"""News articles: read and check their front matter before any engine sees them.

Engine-free. The blog engine (Material's blog plugin) renders the articles;
this module makes sure that what reaches it is valid, reports every mistake as
``docs/news/…md:LINE: field: problem``, and gives the rest of the site what it
needs to link articles and villages both ways.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.placeholders import check_body, check_placeholders
from ..content.schema import validate
from ..content.yamlsource import YamlDocument, decode_text, parse_yaml, read_bounded
from ..findings import Finding
from ..memo import FileMemo, stamp

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "article.schema.json"
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Article:
    src_uri: str  # relative to docs/, e.g. news/posts/malanhuakai.md
    source: str  # as editors see it, e.g. docs/news/posts/malanhuakai.md
    title: str
    date: datetime  # Asia/Shanghai, naive
    data: dict[str, Any] = field(default_factory=dict)
    title_line: int = 2  # in the file

    categories = property(lambda self: self.data.get("categories", []))
    villages = property(lambda self: self.data.get("villages", []))
    draft = property(lambda self: bool(self.data.get("draft", False)))
    cover = property(lambda self: self.data.get("cover"))

    @property
    def cover_uri(self) -> str | None:
        """The cover image's path relative to docs/."""
        if not self.cover:
            return None
        return str(PurePosixPath(self.src_uri).parent / self.cover["file"])


@dataclass
class News:
    articles: list[Article]  # valid ones, newest first
    rejected: list[str]  # src_uri of articles left out because of errors
    findings: list[Finding]
    _by_village: dict[str, list[Article]] | None = field(default=None, repr=False)

    def about(self, slug: str, include_drafts: bool = False) -> list[Article]:
        """Articles that name the village, newest first."""
        if self._by_village is None:
            self._by_village = {}
            for article in self.articles:
                for village in article.villages:
                    self._by_village.setdefault(village, []).append(article)
        return [a for a in self._by_village.get(slug, []) if include_drafts or not a.draft]

    def latest(self, count: int, include_drafts: bool = False) -> list[Article]:
        return [a for a in self.articles if include_drafts or not a.draft][:count]


def load_news(
    docs: Path,
    docs_shown: str,
    post_dir: str,
    categories: list[str],
    authors: list[str] | None,
    villages: dict[str, str],
    memo: FileMemo | None = None,
    broken_villages: frozenset[str] = frozenset(),
) -> News:
    """Every article under ``docs/post_dir``; ``categories`` empty means any,
    ``authors`` None: not checked (the authors file is broken and says so itself).

    ``villages``: the valid villages' names by slug; ``broken_villages``: the
    folders whose profile has errors. ``memo``: articles read in
    earlier builds of this process (the preview).
    """
    memo = memo or FileMemo()
    folder = docs / post_dir
    # What an article's own checks depend on besides its file; the folder's time
    # changes when a file (a cover image) comes or goes. The villages it names are
    # checked after (an edited village must not make every article be read again).
    inputs = hash((tuple(categories), tuple(authors or ()), stamp(folder)))
    articles, rejected, findings = [], [], []
    slugs, by_name = sorted(villages), {name: f"{slug}（{name}）" for slug, name in villages.items()}
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        src_uri = path.relative_to(docs).as_posix()
        shown = f"{docs_shown}/{src_uri}"
        article, problems, doc = memo.get(
            path, (shown, inputs), lambda: _load_article(path, src_uri, shown, categories, authors),
        )
        findings += problems
        if article is None:
            rejected.append(src_uri)
        else:
            articles.append(article)  # a village that is unknown or has errors costs it its card only
            findings += _unknown(doc, "villages", slugs, "示范村", "villages/ 下的文件夹名", by_name=by_name,
                                 broken=broken_villages)
    articles.sort(key=lambda a: (a.date, a.src_uri), reverse=True)
    return News(articles, rejected, sorted(findings))


def _load_article(path, src_uri, shown, categories, authors):
    """The article, its problems, and its front matter (for the villages' check)."""
    doc = YamlDocument(shown)
    raw = read_bounded(path, doc)
    text = None if raw is None else decode_text(raw, doc)
    if text is None:
        return None, doc.findings, None
    match = FRONT_MATTER.match(text)
    if not match or not (match.group(1) or "").strip():
        return None, [Finding(
            shown, 1, None,
            "文章开头缺少元数据：第一行写 ---，接着写 title、date 等字段，再用一行 --- 结束",
        )], None
    doc = parse_yaml(match.group(1), shown, first_line=2)
    if not doc.ok:
        return None, doc.findings, None
    problems = validate(doc, SCHEMA)
    if not isinstance(doc.data, dict):
        return None, problems, None
    data = doc.data
    date = _parse_date(data.get("date"))
    if isinstance(data.get("date"), str) and date is None and not problems:
        problems.append(Finding(shown, doc.line_of(("date",)), "date", f"“{data['date']}”不是有效的日期"))
    problems += _unknown(doc, "categories", categories, "新闻类别", "mkdocs.yml 中 blog 的 categories_allowed")
    if authors is not None:
        problems += _unknown(doc, "authors", authors, "作者", "docs/news/.authors.yml")
    if not data.get("draft"):  # a draft may keep the skeleton's text until it is written
        problems += check_placeholders(doc)
        body = text[match.end():].split("\n")
        problems += check_body(shown, body, text[: match.end()].count("\n") + 1)
    if isinstance(data.get("cover"), dict) and isinstance(data["cover"].get("file"), str):
        cover = path.parent / data["cover"]["file"]
        if not cover.is_file() or ".." in PurePosixPath(data["cover"]["file"]).parts:
            problems.append(Finding(
                shown, doc.line_of(("cover", "file")), "cover.file",
                f"找不到封面图片“{data['cover']['file']}”；请把图片放在文章旁边，这里只写文件名",
            ))
    if problems:
        return None, problems, None
    return Article(src_uri, shown, data["title"], date, data, doc.line_of(("title",))), [], doc


def _parse_date(value: Any) -> datetime | None:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(str(value), fmt)
        except ValueError:
            continue
    return None


def _unknown(doc: YamlDocument, key: str, known: list[str], what: str, where: str,
             by_name: dict[str, str] | None = None, broken: frozenset[str] = frozenset()) -> list[Finding]:
    """``by_name``: what to suggest for a value that is a known thing's name, not its key;
    ``broken``: values that name something whose own file has errors."""
    values = doc.data.get(key)
    if not isinstance(values, list) or (key == "categories" and not known):
        return []
    findings = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or value in known:
            continue
        if value in broken:
            findings.append(Finding(
                doc.path, doc.line_of((key, index)), f"{key}[{index + 1}]",
                f"村“{value}”的档案有错误（见对 villages/{value}/village.yml 的提示），"
                "本文照常发布，但暂不显示这个村的卡片；修正档案后会自动恢复",
            ))
            continue
        guess = [by_name[value]] if by_name and value in by_name else difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        message = f"未知的{what}“{value}”" + (f"，是否想写 {guess[0]}？" if guess else "。")
        message += f"可选：{'、'.join(known)}" if known and len(known) <= 12 else f"见 {where}"
        if key == "villages":
            message += "；本文照常发布，但不显示这个村的卡片"
        findings.append(Finding(doc.path, doc.line_of((key, index)), f"{key}[{index + 1}]", message))
    return findings
