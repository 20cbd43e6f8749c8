"""Check all content without building the site: the build's loading and checking, and more.

``check_planned`` is what the build also runs once its pages are planned:
links against the plan, duplicate titles, photos listed twice. ``check_project``
is the editors' command: the same loading (``loading.load_site``) and the
same checks, with photos checked by their header instead of being processed.
Every problem is a Finding.
"""

from __future__ import annotations

from ..findings import Finding
from ..loading import Loaded, load_site
from ..project import Project
from ..views.plan import PagePlan, plan_pages, taken_by_editors
from .links import check_links
from .photos import check_photos, drop_duplicate_photos
from .titles import check_duplicate_titles


def check_planned(project: Project, loaded: Loaded, plan: PagePlan) -> list[Finding]:
    """The checks that need the page plan; the build and ``check_project`` both run them."""
    return (
        check_links(project, loaded.content, loaded.news, {p.src_uri for p in plan.pages}, loaded.broken_villages)
        + check_duplicate_titles(loaded.news)
    )


def check_project(project: Project) -> tuple[Loaded, list[Finding]]:
    loaded = load_site(project)
    findings = list(loaded.findings)
    problems, keys = check_photos(loaded.content)
    findings += problems + drop_duplicate_photos(loaded.content.villages, keys)
    plan = plan_pages(loaded.content, has_photos=lambda v: any(e.path in keys for e in v.photos))
    docs = project.docs
    taken = taken_by_editors(plan, lambda uri: (docs / uri).is_file(), lambda uri: project.shown(docs / uri))
    findings += taken.values()
    findings += check_planned(project, loaded, plan.without(taken))
    return loaded, sorted(set(findings))
