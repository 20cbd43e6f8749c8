"""Check all content without building the site: the same checks as the build, and more.

Engine-free but for reading mkdocs.yml: villages and their photos (header
only: a truncated photo is found by the build), articles, links between
markdown pages, duplicates. Every problem is a Finding.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

from .content import Content, load_content
from .findings import Finding
from .images.process import PhotoError, inspect, read_source
from .images.settings import ImageSettings
from .news import FRONT_MATTER, News, load_news
from .pages import generated_uris

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


def check_all(
    root: Path, docs: Path, villages_dir: str, campaign_file: str,
    post_dir: str, categories: list[str], authors: list[str],
) -> tuple[Content, News, list[Finding]]:
    content = load_content(root, villages_dir, campaign_file)
    news = load_news(docs, docs.relative_to(root).as_posix(), post_dir, categories, authors,
                     {v.slug for v in content.villages})
    findings = list(content.findings) + list(news.findings)
    findings += check_photos(content)
    findings += check_links(root, docs, content)
    findings += check_duplicate_titles(news)
    return content, news, sorted(set(findings))


def check_photos(content: Content) -> list[Finding]:
    findings = []
    settings = ImageSettings()
    for village in content.villages:
        seen: dict[str, str] = {}
        for entry in village.photos:
            try:
                data = read_source(entry.path)
                inspect(data, settings)
            except PhotoError as error:
                findings.append(Finding(village.source, entry.line, entry.field, f"{error}（{entry.shown}）"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                findings.append(Finding(
                    village.source, entry.line, entry.field,
                    f"与 {seen[digest]} 是同一张照片（内容相同）；请删去重复的一项",
                ))
            seen.setdefault(digest, entry.shown)
    return findings


def check_links(root: Path, docs: Path, content: Content) -> list[Finding]:
    """Relative links and images in markdown pages must point to existing files or pages."""
    generated = generated_uris(content)  # links may point to generated pages
    findings = []
    for path in sorted(docs.rglob("*.md")):
        source = path.relative_to(docs).as_posix()
        if source.startswith("_"):
            continue
        shown = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        front = FRONT_MATTER.match(text)
        offset = text[: front.end()].count("\n") if front else 0
        fenced = False
        for number, line in enumerate(text[front.end() if front else 0:].splitlines(), offset + 1):
            if CODE_FENCE.match(line.lstrip()):
                fenced = not fenced
            if fenced:
                continue
            for match in LINK.finditer(INLINE_CODE.sub("", line)):
                target = match.group(1)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
                    continue
                relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
                if not relative:
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), relative))
                if (docs / resolved).exists() or resolved in generated:
                    continue
                kind = "图片" if match.group(0).startswith("!") else "链接"
                findings.append(Finding(shown, number, "link", f"{kind}指向的“{target}”不存在"))
    return findings


def check_duplicate_titles(news: News) -> list[Finding]:
    by_title: dict[str, list] = defaultdict(list)
    for article in news.articles:
        by_title[article.title].append(article)
    findings = []
    for title, articles in by_title.items():
        first, *others = sorted(articles, key=lambda a: a.source)
        for article in others:
            findings.append(Finding(article.source, article.title_line, "title", f"与 {first.source} 标题相同：“{title}”"))
    return findings


def github_annotation(finding: Finding) -> str:
    """The finding as a GitHub Actions annotation on the pull request's diff."""
    def escape(text: str, extra: str = "") -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char in extra:
            text = text.replace(char, {":": "%3A", ",": "%2C"}[char])
        return text

    properties = f"file={escape(finding.path.rstrip('/'), ':,')}"
    if finding.line:
        properties += f",line={finding.line}"
    if finding.field:
        properties += f",title={escape(finding.field, ':,')}"
    return f"::error {properties}::{escape(str(finding))}"
