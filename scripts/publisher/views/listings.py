"""Listing pages, split as the plan says: category, county and gallery pages, each with a pager.

The first page of a listing is in the navigation and in search; the others
(``x/page/2/`` ...) carry the page number in their title and stay out of search.
"""

from __future__ import annotations

import html
import itertools
from typing import Callable

from ..content.model import Village
from .map import map_svg
from .markup import front_matter, join_blocks
from .pieces import Pieces
from .plan import PlannedPage, village_uri


def category_page(pieces: Pieces, planned: PlannedPage) -> str:
    category = pieces.content.category(planned.key)
    villages = pieces.content.in_category(planned.key)
    counties = {v.county for v in villages}
    count = pieces.fragments.render(
        "count.html",
        text=f"本类共有 {len(villages)} 个示范村，分布在 {len(counties)} 个县（市、区）。"
        if villages else "本类暂无示范村。",
    )
    here = pieces.url(planned.src_uri)
    body = [pieces.village_cards(list(planned.villages), here, show_category=False)] if planned.villages else []
    head = [pieces.fragments.render("lead.html", text=category.description), count]
    return _listing_page(pieces, planned, category.name, category.description, head, body)


def county_page(pieces: Pieces, planned: PlannedPage) -> str:
    county = planned.key
    total = len(pieces.content.counties[county])
    here = pieces.url(planned.src_uri)
    body = _by_category(pieces, list(planned.villages),
                        lambda group: pieces.village_cards(group, here, show_category=False))
    head = [pieces.fragments.render("count.html", text=f"{county}共有 {total} 个示范村。")]
    official = next((c for c in pieces.content.county_list if c.name == county), None)
    if official is not None and planned.number == 1:
        drawn = map_svg(pieces.content, pieces.fragments, pieces.linker(planned.src_uri), "hg-map-county", focus=official)
        head += [drawn] if drawn else []
    return _listing_page(pieces, planned, county, f"{county}的“整县推进”示范村，共 {total} 个。", head, body)


def gallery_page(pieces: Pieces, planned: PlannedPage) -> str:
    here = pieces.url(planned.src_uri)
    link = pieces.linker(planned.src_uri)

    def covers(group: list[Village]) -> str:
        items = [
            {
                "href": link(village_uri(v.slug)),
                "title": v.name,
                "meta": v.county,
                "picture": pieces.picture(here, pieces.photos_of(v)[0], role="thumb"),
            }
            for v in group
        ]
        return pieces.fragments.render("cover-grid.html", items=items)

    body = _by_category(pieces, list(planned.villages), covers) or [
        pieces.fragments.render("count.html", text="暂无照片。")
    ]
    head = [pieces.fragments.render("lead.html", text="各示范村的封面照片，按类别排列；点击照片进入该村的页面，查看全部照片。")]
    return _listing_page(pieces, planned, "图片", "黄冈市“整县推进”示范村的照片，按五类示范村分组。", head, body)


def _by_category(pieces: Pieces, villages: list[Village], render: Callable[[list[Village]], str]) -> list[str]:
    """A heading per category and its villages rendered, for villages ordered by category."""
    parts = []
    for key, group in itertools.groupby(villages, key=lambda v: v.category):
        parts += [f"## {html.escape(pieces.content.category(key).name)}", render(list(group))]
    return parts


def _listing_page(pieces: Pieces, planned: PlannedPage, title: str, description: str,
                  head: list[str], body: list[str]) -> str:
    if planned.number == 1:
        meta = front_matter(title=html.escape(title), description=html.escape(description))
    else:
        meta = front_matter(
            title=html.escape(f"{title}（第 {planned.number} 页）"), description=html.escape(description),
            search={"exclude": True},
        )
    parts = [meta, *head, *body]
    if len(planned.listing) > 1:
        parts.append(_pager(pieces, planned))
    return join_blocks(parts)


def _pager(pieces: Pieces, planned: PlannedPage) -> str:
    link = pieces.linker(planned.src_uri)
    uris, number = planned.listing, planned.number
    return pieces.fragments.render(
        "pager.html",
        number=number,
        total=len(uris),
        prev=link(uris[number - 2]) if number > 1 else None,
        next=link(uris[number]) if number < len(uris) else None,
        pages=[{"number": n, "href": link(u), "current": n == number} for n, u in enumerate(uris, start=1)],
    )
