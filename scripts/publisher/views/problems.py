"""Under `serve`: what an editor sees at the address of a village or article that has errors.

Instead of a 404, the page that would be there lists each problem of its file
(``path:LINE: field: problem``, which says how to fix it); the preview's 404
page lists every problem. Never part of a build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..findings import Finding
from ..project import Project
from .fragments import Fragments
from .plan import village_uri

_DATE = re.compile(r"^date:\s*['\"]?(\d{4})-(\d{1,2})-(\d{1,2})", re.M)
_NAME = re.compile(r"^name:\s*(\S[^#\n]*)", re.M)


@dataclass
class ProblemPage:
    src_uri: str  # where the page would be
    title: str
    findings: list[Finding]


def problem_pages(project: Project, findings: list[Finding], broken_villages: set[str], rejected: list[str],
                  article_address) -> list[ProblemPage]:
    """``article_address(src_uri, date)``: where the blog would publish an article of that date (None: unknown)."""
    pages = []
    for slug in sorted(broken_villages):
        folder = f"{project.villages_dir}/{slug}/"
        mine = [f for f in findings if f.path.startswith(folder)]
        if mine:
            name = _first(_NAME, project.root / folder / "village.yml")
            pages.append(ProblemPage(village_uri(slug), f"{name or slug}：档案有错误", mine))
    for src_uri in rejected:
        shown = f"{project.docs_shown}/{src_uri}"
        mine = [f for f in findings if f.path == shown]
        date = _first(_DATE, project.docs / src_uri, whole=True)
        address = article_address(src_uri, date) if mine and date else None
        if address:
            pages.append(ProblemPage(address, f"{Path(src_uri).name}：文章有错误", mine))
    return pages


def problems_html(fragments: Fragments, findings: list[Finding], guide: str | None) -> str:
    return fragments.render("problems.html", findings=[str(f) for f in sorted(findings)], guide=guide)


def _first(pattern: re.Pattern, path: Path, whole: bool = False):
    try:
        with path.open("rb") as handle:
            text = handle.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = pattern.search(text)
    if not match:
        return None
    if not whole:
        return match.group(1).strip().strip("'\"") or None
    try:
        return datetime(*map(int, match.groups()))
    except ValueError:
        return None
