"""Check all content without building the site: the build's loading and checking, and more.

The same loading as the build (``loading.load_site``) plus what the build
finds only while rendering: photos (header only: a truncated photo is found
by the build), links between pages against the page plan, duplicate titles.
Every problem is a Finding.
"""

from __future__ import annotations

from ..findings import Finding
from ..loading import Loaded, load_site
from ..project import Project
from ..views.plan import plan_pages, taken_by_editors
from .links import check_links
from .photos import check_photos
from .titles import check_duplicate_titles


def check_project(project: Project) -> tuple[Loaded, list[Finding]]:
    loaded = load_site(project)
    findings = list(loaded.findings)
    problems, failed = check_photos(loaded.content)
    findings += problems
    plan = plan_pages(loaded.content, has_photos=lambda v: any(e.path not in failed for e in v.photos))
    docs = project.docs
    taken = taken_by_editors(plan, lambda uri: (docs / uri).is_file(), lambda uri: project.shown(docs / uri))
    findings += taken.values()
    findings += check_links(project, {p.src_uri for p in plan.pages})
    findings += check_duplicate_titles(loaded.news)
    return loaded, sorted(set(findings))
