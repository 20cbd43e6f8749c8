"""Blocks that many generated pages show: village and category cards, pictures, figures, article lists.

Everything made of editors' strings is an HTML fragment rendered with
autoescaping (``fragments``); links are relative to the page showing them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Callable, Mapping

from ..content.model import Content, PhotoEntry, Village
from ..images.pipeline import Photo
from ..news.articles import Article, News
from ..urls import page_url, relative_path, relative_url
from .fragments import Fragments
from .markup import markdown_text, shown_figure
from .pictures import PictureView, picture_view
from .plan import category_uri, county_uri, village_uri


class Pieces:
    def __init__(
        self,
        content: Content,
        fragments: Fragments,
        directory_urls: bool = True,
        photos: Mapping[Path, Photo] | None = None,
        news: News | None = None,
        include_drafts: bool = False,
    ):
        self.content = content
        self.fragments = fragments
        self.directory_urls = directory_urls
        self.photos = photos or {}  # processed photos by source file
        self.news = news or News([], [], [])
        self.include_drafts = include_drafts  # drafts are linked only in a preview

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.directory_urls)

    def linker(self, from_uri: str) -> Callable[[str], str]:
        """Links from a generated page to pages given by their source path."""
        return self.linker_at(self.url(from_uri))

    def linker_at(self, here: str) -> Callable[[str], str]:
        """Links from the page at site URL ``here`` (also pages not made here)."""
        return lambda to_uri: relative_url(here, self.url(to_uri))

    def photos_of(self, village: Village) -> list[PhotoEntry]:
        """The village's photos that were processed, cover first."""
        return [entry for entry in village.photos if entry.path in self.photos]

    def picture(self, here: str, entry: PhotoEntry, role: str, lazy: bool = True) -> PictureView:
        return picture_view(
            self.photos[entry.path], here, alt=entry.alt, role=role,
            caption=entry.caption, credit=entry.credit, lazy=lazy,
        )

    def article_list(self, articles: list[Article], from_uri: str) -> str:
        """A markdown list of links to articles: the engine resolves ``.md`` links."""
        base = posixpath.dirname(from_uri)
        return "\n".join(
            f"- {a.date:%Y-%m-%d} · [{markdown_text(a.title)}]({relative_path(a.src_uri, base or '.')})"
            + (f" · {markdown_text('、'.join(a.categories))}" if a.categories else "")
            for a in articles
        )

    def figures(self, figures: list[dict[str, Any]], note: str | None = None) -> str:
        return self.fragments.render("figures.html", figures=[shown_figure(f) for f in figures], note=note)

    def village_cards(self, villages: list[Village], here: str, show_category: bool = True) -> str:
        link = self.linker_at(here)
        cards = []
        for village in villages:
            meta = [village.place]
            if show_category:
                meta.append(self.content.category(village.category).name)
            figures = village.data.get("figures") or []
            photos = self.photos_of(village)
            cards.append({
                "href": link(village_uri(village.slug)),
                "title": village.name,
                "meta": meta,
                "text": village.summary,
                "figure": shown_figure(figures[0]) if figures else None,
                "thumb": self.picture(here, photos[0], role="card") if photos else None,
            })
        return self.fragments.render("cards.html", cards=cards)

    def category_cards(self, link: Callable[[str], str]) -> str:
        cards = [
            {
                "href": link(category_uri(c.key)),
                "title": c.name,
                "meta": [f"{len(self.content.in_category(c.key))} 个示范村"],
                "text": c.description,
            }
            for c in self.content.categories
        ]
        return self.fragments.render("cards.html", cards=cards)

    def facts(self, village: Village, link: Callable[[str], str]) -> list[dict[str, Any]]:
        data = village.data
        category = self.content.category(village.category)
        rows = [
            {"label": "类别", "text": category.name, "href": link(category_uri(category.key))},
            {"label": "所在地", "text": village.place, "href": link(county_uri(village.county))},
        ]
        if data.get("party_org"):
            rows.append({"label": "党组织", "text": data["party_org"]})
        if data.get("leaders"):
            rows.append({
                "label": "带头人",
                "text": "；".join(f"{p['name']}（{p['role']}）" for p in data["leaders"]),
            })
        if data.get("location"):
            lat, lng = data["location"]["lat"], data["location"]["lng"]
            rows.append({
                "label": "位置",
                "text": f"{'北纬' if lat >= 0 else '南纬'} {abs(lat):.4f}°，{'东经' if lng >= 0 else '西经'} {abs(lng):.4f}°",
            })
        return rows
