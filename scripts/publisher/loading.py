"""Read and check everything editors write: the one loading step of the build and of the check.

Pure: a ``Project`` in; the valid villages and articles, and a finding for
every problem, out. What is wrong is left out and reported; the rest is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content.load import load_content
from .content.model import Content
from .findings import Finding
from .memo import FileMemo
from .news.articles import News, load_news
from .news.authors import load_authors
from .project import Project


@dataclass
class Loaded:
    content: Content
    news: News
    findings: list[Finding]
    broken_villages: frozenset[str] = frozenset()  # folders whose profile was left out for its errors


def load_site(project: Project, memo: FileMemo | None = None) -> Loaded:
    """``memo``: files read in earlier builds of this process (the preview)."""
    content = load_content(project.root, project.villages_dir, project.campaign_file, memo)
    findings = list(content.findings)
    news = News([], [], [])
    broken = broken_villages(project, content)
    if project.post_dir is not None:
        authors, problems = author_keys(project)
        findings += problems
        news = load_news(
            project.docs, project.docs_shown, project.post_dir, project.news_categories, authors,
            villages={v.slug: v.name for v in content.villages}, memo=memo,
            broken_villages=broken,
        )
        findings += news.findings
    return Loaded(content, news, findings, broken)


def author_keys(project: Project) -> tuple[list[str] | None, list[Finding]]:
    path = project.authors_path
    return load_authors(path, project.shown(path)) if path is not None else ([], [])


def broken_villages(project: Project, content: Content) -> frozenset[str]:
    """Village folders whose profile was left out for its errors."""
    folder = project.root / project.villages_dir
    folders = {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()
    return frozenset(folders - set(content.by_slug))
