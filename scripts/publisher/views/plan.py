"""The page plan: every generated page, and the villages it shows, before anything is rendered.

Pure: content in, ``PagePlan`` out. The build renders the plan's pages; the
content check resolves links against it; share previews take a page's first
village from it. Long listings (category, county, gallery) are split into
pages of ``CARDS_PER_PAGE`` cards or ``COVERS_PER_PAGE`` covers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from ..content.model import Content, Village
from ..findings import Finding

HOME_URI = "index.md"  # the editors' page, extended with generated sections
OVERVIEW_URI = "villages/index.md"
COUNTIES_URI = "counties/index.md"
GALLERY_URI = "gallery/index.md"
SEARCH_URI = "search/index.md"
NEWS_URI = "news/index.md"
OFFLINE_URI = "offline/index.md"  # what the service worker shows for a page never opened, offline

# At province scale a category holds hundreds of villages, and one page
# listing them all would pass 100 KB.
CARDS_PER_PAGE = 40
COVERS_PER_PAGE = 48


def village_uri(slug: str) -> str:
    return f"villages/{slug}.md"


def category_uri(key: str) -> str:
    return f"categories/{key}.md"


def county_uri(county: str) -> str:
    return f"counties/{county}.md"


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str
    kind: str  # home, overview, counties, gallery, search, category, county, village
    key: str | None = None  # the village's slug, the category's key, the county's name
    villages: tuple[Village, ...] = ()  # shown on the page, the most prominent first
    number: int = 1  # of a listing split into pages
    listing: tuple[str, ...] = ()  # every page of that listing, first first
    parent_uri: str | None = None  # shown as active in the navigation
    nav_after: str | None = None  # listed in the sidebar right after this page


class PagePlan:
    def __init__(self, pages: list[PlannedPage]):
        self.pages = pages  # in the order they are given to the engine; the home page first
        self.by_uri = {page.src_uri: page for page in pages}

    def generated(self) -> list[PlannedPage]:
        """The pages made from content alone (the home page is the editors' file)."""
        return [page for page in self.pages if page.kind != "home"]

    def villages_on(self, src_uri: str) -> list[Village]:
        page = self.by_uri.get(src_uri)
        return list(page.villages) if page else []

    def without(self, src_uris) -> PagePlan:
        return PagePlan([page for page in self.pages if page.src_uri not in src_uris])


def taken_by_editors(plan: PagePlan, exists: Callable[[str], bool], shown: Callable[[str], str]) -> dict[str, Finding]:
    """Generated pages whose path an editor's file already has: the editor's page wins.

    ``exists``: whether docs/ has a file at a path; ``shown``: that path as editors see it.
    """
    return {
        page.src_uri: Finding(shown(page.src_uri), None, None, "与自动生成的页面重名，已忽略自动生成的页面")
        for page in plan.generated() if exists(page.src_uri)
    }


def plan_pages(content: Content, has_photos: Callable[[Village], bool]) -> PagePlan:
    """``has_photos``: whether a village has a photo to show (on the gallery page)."""
    everyone = tuple(content.villages)
    pages = [
        PlannedPage(HOME_URI, "home", villages=tuple(content.featured())),
        PlannedPage(OVERVIEW_URI, "overview", villages=everyone),
        PlannedPage(COUNTIES_URI, "counties", villages=everyone),
    ]
    covered = [v for c in content.categories for v in content.in_category(c.key) if has_photos(v)]
    pages += _listing(GALLERY_URI, "gallery", None, covered, COVERS_PER_PAGE)
    pages.append(PlannedPage(SEARCH_URI, "search"))
    pages.append(PlannedPage(OFFLINE_URI, "offline"))
    for category in content.categories:
        pages += _listing(category_uri(category.key), "category", category.key, content.in_category(category.key),
                          CARDS_PER_PAGE, nav_after=OVERVIEW_URI)
    order = {c.key: n for n, c in enumerate(content.categories)}
    for county, villages in content.counties.items():
        ordered = sorted(villages, key=lambda v: (order.get(v.category, len(order)), v.name))
        pages += _listing(county_uri(county), "county", county, ordered, CARDS_PER_PAGE, parent_uri=COUNTIES_URI)
    for village in content.villages:
        pages.append(PlannedPage(village_uri(village.slug), "village", village.slug, (village,),
                                 parent_uri=category_uri(village.category)))
    return PagePlan(pages)


def _listing(first_uri: str, kind: str, key: str | None, items: list[Village], per_page: int, *,
             parent_uri: str | None = None, nav_after: str | None = None) -> list[PlannedPage]:
    """A listing's pages: ``x.md``, then ``x/page/2.md`` ...; the first is the listing's own page
    (in the navigation, in links), the others show it as active."""
    stem = first_uri.removesuffix(".md").removesuffix("/index")
    count = max(1, math.ceil(len(items) / per_page))
    uris = tuple([first_uri] + [f"{stem}/page/{n}.md" for n in range(2, count + 1)])
    return [
        PlannedPage(
            uri, kind, key, tuple(items[(number - 1) * per_page:number * per_page]), number, uris,
            parent_uri=parent_uri if number == 1 else first_uri,
            nav_after=nav_after if number == 1 else None,
        )
        for number, uri in enumerate(uris, start=1)
    ]
