"""The sidebar and the tabs rendered once per navigation state, not once per page.

Material renders the whole navigation for every page (``partials/nav.html``,
``partials/tabs.html``): at province scale that is a third of the templates'
time, and most pages share it. For a page outside the navigation (a village,
an article, a county) the navigation's HTML depends only on which items are
active (the page's ancestors) and on each item's address relative to the page;
pages with the same of both get the same HTML. So the overridden partials ask
for a key: equal keys, equal HTML, rendered by the first of them. Pages in the
navigation (its pages, the blog's views and their pagination) show their own
state (the current page, its table of contents) and are always rendered.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url


class NavCache:
    def __init__(self, nav: Navigation | None, enabled: bool = True):
        self.rendered: dict[tuple, str] = {}
        self.enabled = enabled and nav is not None
        self._in_nav: set[int] = set()
        urls = ["assets/"]  # the site's root, as the logo's address is written
        for item in _walk(nav.items if nav is not None else []):
            self._in_nav.add(id(item))
            for page in getattr(item, "pages", None) or []:  # a blog view's pagination
                self._in_nav.add(id(page))
            if getattr(item, "url", None) is not None:
                urls.append(item.url)
        if nav is not None and nav.homepage is not None:
            urls.append(nav.homepage.url)
        self._urls = tuple(dict.fromkeys(urls))
        self._state: tuple = (None, ())  # the last page asked about, and its navigation state

    def key(self, kind: str, page) -> tuple | None:
        """None: render this page's navigation (it is in it, or this is not a page)."""
        if not self.enabled or page is None or id(page) in self._in_nav or hasattr(page, "pages"):
            return None
        if self._state[0] is not page:  # the tabs and the sidebar of one page share it
            relative = tuple(normalize_url(url, page=page) for url in self._urls)
            self._state = (page, (tuple(id(ancestor) for ancestor in page.ancestors), relative))
        return kind, *self._state[1]

    def remember(self, key: tuple | None, html: str) -> str:
        if key is not None:
            self.rendered[key] = html
        return html

    def template_globals(self) -> dict:
        return {"hg_nav_key": self.key, "hg_nav_rendered": self.rendered, "hg_nav_remember": self.remember}


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
