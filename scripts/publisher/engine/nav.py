"""Navigation surgery: generated pages get their parent, a few of them a place in the sidebar.

Villages and counties stay out of the sidebar (it would grow with the site);
their parent page is shown as active instead. Category pages go right after
the villages overview, wherever mkdocs.yml's nav has it.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..views.pages import PageSource


def attach(nav: Navigation, files: Files, sources: list[PageSource]) -> None:
    listed_after: dict[str, list[Page]] = {}
    for source in sources:
        page = _page(files, source.src_uri)
        parent = _page(files, source.parent_uri)
        if parent is not None:
            page.parent = parent
        if source.nav_after:
            listed_after.setdefault(source.nav_after, []).append(page)
    for anchor_uri, pages in listed_after.items():
        anchor = _page(files, anchor_uri)
        if anchor not in nav.pages:
            continue  # the anchor is not in the nav: neither are these pages
        siblings = anchor.parent.children if isinstance(anchor.parent, Section) else nav.items
        siblings[siblings.index(anchor) + 1:siblings.index(anchor) + 1] = pages
        nav.pages[nav.pages.index(anchor) + 1:nav.pages.index(anchor) + 1] = pages
        for page in pages:
            page.parent = anchor.parent
    _link_in_order(nav.pages)


def _page(files: Files, src_uri: str | None) -> Page | None:
    file = files.get_file_from_path(src_uri) if src_uri else None
    return file.page if file is not None else None


def _link_in_order(pages: list[Page]) -> None:
    for previous, current in zip([None, *pages], pages):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if pages:
        pages[-1].next_page = None
