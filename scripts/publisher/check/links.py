"""Every link and image an editor writes, checked against the files and the pages that will exist.

The sources: markdown pages in docs/ (articles included) and the ``story`` of
each village. A target may be written

- as a markdown file, relative to the file it is written in (``../villages/huahebian.md``),
- as an address relative to the page it appears on (``../../villages/huahebian/``),
- or as a site address (``/villages/huahebian/``), which the build makes relative.

Engine-free: the addresses are computed from the page plan and the project's
settings, the way the engine will publish them.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from ..content.model import Content
from ..content.yamlsource import YamlDocument, decode_text, read_bounded
from ..findings import Finding
from ..memo import FileMemo
from ..news.articles import FRONT_MATTER, News
from ..project import Project
from ..urls import page_url, resolve
from ..views.plan import village_uri

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass
class LinkSource:
    shown: str  # the file, as editors see it
    src_uri: str  # the page's source, relative to docs/: .md links resolve from here
    url: str | None  # the page's address, relative to the site: other links resolve from here
    lines: list[tuple[int, str]]  # (line number in the file, text)


class SiteMap:
    """What a link may point to: files in docs/, planned pages, and the addresses of all pages."""

    def __init__(self, project: Project, news: News, planned: set[str], broken: frozenset[str]):
        self.docs = project.docs
        self.sources = set(planned) | {a.src_uri for a in news.articles}
        self.article_urls = {a.src_uri: article_url(project, a) for a in news.articles}  # None: not computable
        self.urls = {page_url(uri, project.directory_urls) for uri in planned}
        self.urls |= {url for url in self.article_urls.values() if url is not None}
        blog = project.blog_dir
        # The blog's own list pages (archive, categories, pages) are made by the engine.
        self.made = tuple(f"{blog}/{part}/" for part in ("archive", "category", "page", "author")) if blog else ()
        self.directory_urls = project.directory_urls
        # The address and the page path of each village with errors -> its slug.
        self.broken = {page_url(village_uri(s), project.directory_urls).rstrip("/"): s for s in broken}
        self.broken |= {village_uri(s): s for s in broken}

    def add_page(self, src_uri: str, url: str) -> None:
        self.sources.add(src_uri)
        self.urls.add(url)

    def nearest(self, address: str) -> str | None:
        """The page address most like a mistyped one (villages/huahebain/ -> villages/huahebian/)."""
        if not address or address.startswith(".."):
            return None
        close = difflib.get_close_matches(address, sorted(self.urls), n=1, cutoff=0.85)
        return close[0] if close else None

    def has_file(self, path: str) -> bool:
        return path in self.sources or (not path.startswith("..") and (self.docs / path).is_file())

    def has_url(self, path: str) -> bool:
        if path in (".", ""):
            return True
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        candidates = {path, path + "/"} if self.directory_urls else {path}
        return (
            bool(candidates & self.urls) or path.startswith(self.made) or path.startswith("assets/")
            or self.has_file(path) or (not path.startswith("..") and (self.docs / path / "index.md").is_file())
        )


def article_url(project: Project, article) -> str | None:
    """Where the blog publishes an article, for the formats we can compute without it."""
    source = article_source(project, article.src_uri, article.date)
    return None if source is None else page_url(source, project.directory_urls)


def articles_by_url(project: Project, news: News) -> dict[str, str]:
    """Each article's source path by its address (for the formats we can compute)."""
    return {url: a.src_uri for a in news.articles if (url := article_url(project, a)) is not None}


def article_source(project: Project, src_uri: str, date: datetime) -> str | None:
    """The page path the blog gives the article at ``src_uri`` of ``date`` (``news/2018/06/huahebian.md``);
    None: not computable."""
    form, date_form = project.post_url_format, project.post_url_date_format
    if "{slug}" in form or "{categories}" in form or not project.blog_dir:
        return None
    when = date.strftime(date_form.replace("yyyy", "%Y").replace("MM", "%m").replace("dd", "%d"))
    path = posixpath.normpath(form.format(date=when, file=Path(src_uri).stem).strip("/"))
    return f"{project.blog_dir}/{path}.md"


def check_links(project: Project, content: Content, news: News, planned: set[str],
                broken: frozenset[str] = frozenset()) -> list[Finding]:
    """``broken``: village folders whose profile has errors (a link to one is told so)."""
    site = SiteMap(project, news, planned, broken)
    sources = list(_page_sources(project, news, site)) + list(_story_sources(project, content))
    return [finding for source in sources for finding in _check_source(source, site)]


def _page_sources(project: Project, news: News, site: SiteMap) -> Iterator[LinkSource]:
    docs = project.docs
    rejected = set(news.rejected)
    pages = []
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        if src_uri.startswith("_") or "/_" in src_uri or src_uri in rejected:
            continue  # not pages; or an article left out for its errors (told already)
        is_post = project.post_dir is not None and src_uri.startswith(project.post_dir.rstrip("/") + "/")
        url = site.article_urls.get(src_uri) if is_post else page_url(src_uri, project.directory_urls)
        if not is_post:
            site.add_page(src_uri, url)
        pages.append((path, src_uri, url))
    shown = project.docs_shown
    for path, src_uri, url in pages:
        yield LinkSource(f"{shown}/{src_uri}", src_uri, url, _lines_with_links(path))


_read = FileMemo()  # the preview's rebuilds read a file again only when it changed


def _lines_with_links(path: Path) -> list[tuple[int, str]]:
    """The numbered body lines that hold a link, or open or close a code block."""
    return _read.get(path, (), lambda: _read_lines_with_links(path))


def _read_lines_with_links(path: Path) -> list[tuple[int, str]]:
    doc = YamlDocument(str(path))  # read as articles are: bounded, BOM and line ends as editors save them
    raw = read_bounded(path, doc)
    text = decode_text(raw, doc) if raw is not None else None
    if text is None:
        return []  # too large or not UTF-8: told where the file is loaded (articles), or by the engine
    front = FRONT_MATTER.match(text)
    start = text[: front.end()].count("\n") if front else 0
    body = text[front.end() if front else 0:].split("\n")
    return [(n, line) for n, line in enumerate(body, start + 1) if "](" in line or CODE_FENCE.match(line.lstrip())]


def _story_sources(project: Project, content: Content) -> Iterator[LinkSource]:
    for village in content.villages:
        story = village.data.get("story")
        if not isinstance(story, str) or "](" not in story:
            continue
        raw = (project.root / village.source).read_text(encoding="utf-8", errors="replace").splitlines()
        lines, at = [], max(village.story_line - 1, 0)
        for text in story.split("\n"):
            if "](" not in text:
                continue
            found = next((n for n in range(at, len(raw)) if text.strip() in raw[n]), None)
            if found is not None:
                at = found
            lines.append((at + 1, text))
        uri = village_uri(village.slug)
        yield LinkSource(village.source, uri, page_url(uri, project.directory_urls), lines)


def _check_source(source: LinkSource, site: SiteMap) -> Iterator[Finding]:
    fenced = False
    for number, line in source.lines:
        if CODE_FENCE.match(line.lstrip()):
            fenced = not fenced
        if fenced:
            continue
        for match in LINK.finditer(INLINE_CODE.sub("", line)):
            target = match.group(1)
            if SCHEME.match(target) or target.startswith(("#", "//")):
                continue
            path = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if not path or _found(path, source, site):
                continue
            kind = "图片" if match.group(0).startswith("!") else "链接"
            field = "story" if source.shown.endswith(".yml") else "link"
            address = _as_address(path, source)
            slug = site.broken.get(address.rstrip("/")) or site.broken.get(resolve(source.src_uri, path))
            if slug is not None:
                yield Finding(source.shown, number, field, (
                    f"{kind}指向的村“{slug}”的档案有错误（见对 villages/{slug}/village.yml 的提示），"
                    "这个链接暂时打不开；修正档案后即可"))
                continue
            guess = site.nearest(address)
            hint = f"是否想写 /{guess}？" if guess else _advice(path)
            yield Finding(source.shown, number, field, f"{kind}指向的“{target}”不存在；{hint}")


def _found(path: str, source: LinkSource, site: SiteMap) -> bool:
    if path.startswith("/"):  # a site address, or (for .md) a file relative to docs/
        inside = path.lstrip("/")
        return site.has_file(inside) if inside.endswith(".md") else site.has_url(inside)
    as_file = resolve(source.src_uri, path)
    if as_file.endswith(".md") or site.has_file(as_file):
        return site.has_file(as_file)
    return source.url is None or site.has_url(resolve(source.url, path))  # None: the address is not known


def _as_address(path: str, source: LinkSource) -> str:
    if path.startswith("/"):
        return path.lstrip("/")
    return resolve(source.url, path) if source.url is not None and not path.endswith(".md") else ""


def _advice(path: str) -> str:
    if path.endswith(".md"):
        return "以 .md 结尾的链接从本文件所在的文件夹算起；也可以直接写网址，如 /villages/huahebian/"
    return "站内链接请写成网址，如 /villages/huahebian/（村）、/counties/罗田县/（县）；注意拼写"
