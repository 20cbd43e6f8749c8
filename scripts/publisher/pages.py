"""Turn loaded content into the markdown of generated pages.

Pure: content in, ``PageSource`` objects out. Structure (headings, the story)
is markdown, so an engine builds its table of contents and search index from
it; everything made of editors' strings is an HTML fragment rendered with
autoescaping. Page metadata is pre-escaped too, because Material's templates
print ``page.meta.title`` and ``description`` unescaped.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .content import Content, PhotoEntry, Village
from .images.pipeline import Photo
from .news import Article, News
from .pictures import PictureView, picture_view
from .render import Fragments
from .urls import page_url, relative_url

HOME_URI = "index.md"
OVERVIEW_URI = "villages/index.md"
COUNTIES_URI = "counties/index.md"
GALLERY_URI = "gallery/index.md"
SEARCH_URI = "search/index.md"
NEWS_URI = "news/index.md"


def village_uri(slug: str) -> str:
    return f"villages/{slug}.md"


def category_uri(key: str) -> str:
    return f"categories/{key}.md"


def county_uri(county: str) -> str:
    return f"counties/{county}.md"


# Cards or covers per listing page: at province scale a category holds
# hundreds of villages, and one page listing them all would pass 100 KB.
CARDS_PER_PAGE = 40
COVERS_PER_PAGE = 48


def listing_uris(first_uri: str, count: int, per_page: int) -> list[str]:
    """Source paths of a listing's pages: ``x.md``, then ``x/page/2.md`` ..."""
    stem = first_uri.removesuffix(".md").removesuffix("/index")
    pages = max(1, math.ceil(count / per_page))
    return [first_uri] + [f"{stem}/page/{n}.md" for n in range(2, pages + 1)]


def generated_uris(content: Content) -> set[str]:
    """Source paths of every page PageMaker makes (and the home page it extends)."""
    uris = {HOME_URI, OVERVIEW_URI, COUNTIES_URI, SEARCH_URI}
    uris |= {village_uri(v.slug) for v in content.villages}
    for c in content.categories:
        uris |= set(listing_uris(category_uri(c.key), len(content.in_category(c.key)), CARDS_PER_PAGE))
    for county, villages in content.counties.items():
        uris |= set(listing_uris(county_uri(county), len(villages), CARDS_PER_PAGE))
    with_photos = sum(1 for v in content.villages if v.photos)
    uris |= set(listing_uris(GALLERY_URI, with_photos, COVERS_PER_PAGE))
    return uris


@dataclass(frozen=True)
class PageSource:
    src_uri: str
    markdown: str
    parent_uri: str | None = None  # page shown as active in the navigation
    nav_after: str | None = None  # listed in the sidebar right after this page


def front_matter(**meta: Any) -> str:
    """YAML front matter; JSON is YAML, so any string is quoted safely."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def markdown_text(text: str) -> str:
    """Editor text placed in markdown: HTML-escaped, markdown punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~])", r"\\\1", html.escape(text, quote=False))


def format_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}" if isinstance(value, int) else f"{value:.10g}"


def shown_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure (label, value, unit, year) with its value formatted for reading."""
    return {**figure, "value": format_number(figure["value"])}


class PageMaker:
    def __init__(
        self,
        content: Content,
        fragments: Fragments,
        directory_urls: bool = True,
        photos: Mapping[Path, Photo] | None = None,
        news: News | None = None,
        include_drafts: bool = False,
        news_categories: list[str] = (),
    ):
        self.content = content
        self.fragments = fragments
        self.directory_urls = directory_urls
        self.photos = photos or {}  # processed photos by source file
        self.news = news or News([], [], [])
        self.include_drafts = include_drafts  # drafts are linked only in a preview
        self.news_categories = list(news_categories)
        everyone = [v.slug for v in content.villages]
        # Slugs of the villages each page shows; listing pages are added as they are made.
        self._shown_on: dict[str, list[str]] = {
            HOME_URI: [v.slug for v in content.featured()],
            OVERVIEW_URI: everyone,
            COUNTIES_URI: everyone,
            **{village_uri(slug): [slug] for slug in everyone},
        }

    # -- public ---------------------------------------------------------------

    def pages(self) -> list[PageSource]:
        content = self.content
        pages = [self.overview_page(), self.counties_page(), *self.gallery_pages(), self.search_page()]
        for category in content.categories:
            pages += self.category_pages(category.key)
        for name, villages in content.counties.items():
            pages += self.county_pages(name, villages)
        pages += [self.village_page(v) for v in content.villages]
        return pages

    def home_sections(self) -> str:
        """Markdown appended to the editors' home page, ``docs/index.md``."""
        link = self._linker(HOME_URI)
        campaign = self.content.campaign.data
        parts = []
        if self.content.campaign.figures:
            parts += [
                f"## {html.escape(campaign.get('heading', '整县推进成效'))}",
                self._figures(self.content.campaign.figures, note=campaign.get("note")),
            ]
        latest = self.news.latest(5, self.include_drafts)
        if latest:
            parts += ["## 最新动态", self._article_list(latest, HOME_URI), f"[查看全部新闻 →]({NEWS_URI})"]
        parts += ["## 五类示范村", self._category_cards(link)]
        featured = self.content.featured()
        if featured:
            parts += [
                "## 示范村风采",
                self._village_cards(featured, self._url(HOME_URI)),
                self.fragments.render("more.html", href=link(OVERVIEW_URI), text="查看全部示范村"),
            ]
        return "\n\n".join(parts)

    # -- pages ----------------------------------------------------------------

    def village_page(self, village: Village) -> PageSource:
        uri = village_uri(village.slug)
        link = self._linker(uri)
        data = village.data
        category = self.content.category(village.category)
        photos = self._photos_of(village)
        pictures = [self._picture(self._url(uri), entry, role="thumb") for entry in photos]
        parts = [
            front_matter(title=html.escape(village.name), description=html.escape(village.summary)),
            self.fragments.render("lead.html", text=village.summary),
        ]
        if photos:
            cover = self._picture(self._url(uri), photos[0], role="hero", lazy=False)
            parts.append(self.fragments.render("figure.html", p=cover, gallery=f"{village.slug}-cover"))
        parts.append(
            self.fragments.render("facts.html", rows=self._facts(village, link), tags=data.get("tags", []))
        )
        if data.get("figures"):
            parts += ["## 数说成效", self._figures(data["figures"])]
        if data.get("highlights"):
            parts += ["## 特色亮点", self.fragments.render("highlights.html", items=data["highlights"])]
        if data.get("story", "").strip():
            parts += ["## 村庄故事", data["story"].strip()]
        if pictures:
            parts += ["## 图片", self.fragments.render("gallery.html", pictures=pictures, gallery=village.slug)]
        articles = self.news.about(village.slug, self.include_drafts)
        if articles:
            # In a "related" block: not this village's own text for the search index.
            parts += ["## 相关新闻", f'<div class="hg-related" markdown>\n\n{self._article_list(articles, uri)}\n\n</div>']
        if data.get("sources"):
            parts += ["## 资料来源", self.fragments.render("sources.html", sources=data["sources"])]
        return PageSource(uri, _join(parts), parent_uri=category_uri(category.key))

    def category_pages(self, key: str) -> list[PageSource]:
        category = self.content.category(key)
        villages = self.content.in_category(key)
        counties = {v.county for v in villages}
        count = self.fragments.render(
            "count.html",
            text=f"本类共有 {len(villages)} 个示范村，分布在 {len(counties)} 个县（市、区）。"
            if villages else "本类暂无示范村。",
        )

        def body(uri: str, chunk: list[Village]) -> list[str]:
            return [self._village_cards(chunk, self._url(uri), show_category=False)] if chunk else []

        return self._listing(
            category_uri(key), villages, CARDS_PER_PAGE, body,
            title=category.name, description=category.description,
            head=[self.fragments.render("lead.html", text=category.description), count],
            nav_after=OVERVIEW_URI,
        )

    def overview_page(self) -> PageSource:
        link = self._linker(OVERVIEW_URI)
        total = len(self.content.villages)
        counties = len(self.content.counties)
        parts = [
            front_matter(title="示范村", description="黄冈市基层党建“整县推进”中涌现的五类示范村。"),
            self.fragments.render(
                "lead.html",
                text=f"“整县推进”中涌现出的示范村按五类展示，目前收录 {total} 个村（社区），"
                f"分布在 {counties} 个县（市、区）。",
            ),
            "## 按类别浏览",
            self._category_cards(link),
            "## 按县浏览",
            self.fragments.render("more.html", href=link(COUNTIES_URI), text="查看各县（市、区）的示范村"),
        ]
        return PageSource(OVERVIEW_URI, _join(parts))

    def gallery_pages(self) -> list[PageSource]:
        covered = [
            v for c in self.content.categories for v in self.content.in_category(c.key) if self._photos_of(v)
        ]

        def body(uri: str, chunk: list[Village]) -> list[str]:
            link = self._linker(uri)

            def covers(group: list[Village]) -> str:
                items = [
                    {
                        "href": link(village_uri(v.slug)),
                        "title": v.name,
                        "meta": v.county,
                        "picture": self._picture(self._url(uri), self._photos_of(v)[0], role="thumb"),
                    }
                    for v in group
                ]
                return self.fragments.render("cover-grid.html", items=items)

            return self._by_category(chunk, covers) or [self.fragments.render("count.html", text="暂无照片。")]

        return self._listing(
            GALLERY_URI, covered, COVERS_PER_PAGE, body,
            title="图片", description="黄冈市“整县推进”示范村的照片，按五类示范村分组。",
            head=[self.fragments.render("lead.html", text="各示范村的封面照片，按类别排列；点击照片进入该村的页面，查看全部照片。")],
        )

    def search_page(self) -> PageSource:
        """The search page: the form is here, results come from the browser."""
        categories = [c.name for c in self.content.categories]
        parts = [
            front_matter(
                title="搜索", description="搜索黄冈市“整县推进”示范村和新闻。",
                template="search.html", hide=["navigation", "toc"], search={"exclude": True},
            ),
            self.fragments.render(
                "search-form.html",
                index=relative_url(self._url(SEARCH_URI), "assets/search/"),
                site=relative_url(self._url(SEARCH_URI), ""),
                categories=categories,
                news_categories=self.news_categories,
                counties=list(self.content.counties),
            ),
        ]
        return PageSource(SEARCH_URI, _join(parts))

    def counties_page(self) -> PageSource:
        link = self._linker(COUNTIES_URI)
        cards = [
            {
                "href": link(county_uri(county)),
                "title": county,
                "meta": [f"{len(villages)} 个示范村"],
                "text": "、".join(v.name for v in villages[:6]) + ("等" if len(villages) > 6 else ""),
            }
            for county, villages in self.content.counties.items()
        ]
        parts = [
            front_matter(title="按县浏览", description="按县（市、区）查看黄冈市“整县推进”示范村。"),
            self.fragments.render("lead.html", text="选择一个县（市、区），查看当地的示范村。"),
            self.fragments.render("cards.html", cards=cards),
        ]
        return PageSource(COUNTIES_URI, _join(parts))

    def county_pages(self, county: str, villages: list[Village]) -> list[PageSource]:
        order = {c.key: n for n, c in enumerate(self.content.categories)}
        ordered = sorted(villages, key=lambda v: (order.get(v.category, len(order)), v.name))

        def body(uri: str, chunk: list[Village]) -> list[str]:
            return self._by_category(chunk, lambda group: self._village_cards(group, self._url(uri), show_category=False))

        return self._listing(
            county_uri(county), ordered, CARDS_PER_PAGE, body,
            title=county, description=f"{county}的“整县推进”示范村，共 {len(villages)} 个。",
            head=[self.fragments.render("count.html", text=f"{county}共有 {len(villages)} 个示范村。")],
            parent_uri=COUNTIES_URI,
        )

    def _by_category(self, villages: list[Village], render: Callable[[list[Village]], str]) -> list[str]:
        """A heading per category and its villages rendered, for villages ordered by category."""
        parts = []
        for key, group in itertools.groupby(villages, key=lambda v: v.category):
            parts += [f"## {html.escape(self.content.category(key).name)}", render(list(group))]
        return parts

    def _listing(
        self,
        first_uri: str,
        items: list[Village],
        per_page: int,
        body: Callable[[str, list[Village]], list[str]],
        *,
        title: str,
        description: str,
        head: list[str],
        parent_uri: str | None = None,
        nav_after: str | None = None,
    ) -> list[PageSource]:
        """A listing split into pages of ``per_page`` items, each with a pager.

        The first page is the listing's own page (in the navigation, in
        links); the others show it as active and stay out of search.
        """
        uris = listing_uris(first_uri, len(items), per_page)
        sources = []
        for number, uri in enumerate(uris, start=1):
            chunk = items[(number - 1) * per_page:number * per_page]
            self._shown_on[uri] = [v.slug for v in chunk]
            if number == 1:
                meta = front_matter(title=html.escape(title), description=html.escape(description))
            else:
                meta = front_matter(
                    title=html.escape(f"{title}（第 {number} 页）"), description=html.escape(description),
                    search={"exclude": True},
                )
            parts = [meta, *head, *body(uri, chunk)]
            if len(uris) > 1:
                parts.append(self._pager(uri, uris, number))
            sources.append(PageSource(
                uri, _join(parts),
                parent_uri=parent_uri if number == 1 else first_uri,
                nav_after=nav_after if number == 1 else None,
            ))
        return sources

    def _pager(self, uri: str, uris: list[str], number: int) -> str:
        link = self._linker(uri)
        return self.fragments.render(
            "pager.html",
            number=number,
            total=len(uris),
            prev=link(uris[number - 2]) if number > 1 else None,
            next=link(uris[number]) if number < len(uris) else None,
            pages=[{"number": n, "href": link(u), "current": n == number} for n, u in enumerate(uris, start=1)],
        )

    def villages_shown_on(self, src_uri: str) -> list[str]:
        """Slugs of the villages a page is about, first the most prominent."""
        return self._shown_on.get(src_uri, [])

    def article_villages(self, article: Article, here: str) -> str:
        """Markdown appended to an article: cards of the villages it concerns."""
        by_slug = self.content.by_slug
        villages = [by_slug[slug] for slug in article.villages if slug in by_slug]
        if not villages:
            return ""
        return f'## 相关示范村\n\n<div class="hg-related">\n{self._village_cards(villages, here)}\n</div>'

    # -- pieces ---------------------------------------------------------------

    def _article_list(self, articles: list[Article], from_uri: str) -> str:
        """A markdown list of links to articles: the engine resolves ``.md`` links."""
        base = posixpath.dirname(from_uri)
        return "\n".join(
            f"- {a.date:%Y-%m-%d} · [{markdown_text(a.title)}]({posixpath.relpath(a.src_uri, base or '.')})"
            + (f" · {markdown_text('、'.join(a.categories))}" if a.categories else "")
            for a in articles
        )

    def _url(self, src_uri: str) -> str:
        return page_url(src_uri, self.directory_urls)

    def _linker(self, from_uri: str) -> Callable[[str], str]:
        """Links from a generated page to pages given by their source path."""
        return self._linker_at(self._url(from_uri))

    def _linker_at(self, here: str) -> Callable[[str], str]:
        """Links from the page at site URL ``here`` (also pages not made here)."""
        return lambda to_uri: relative_url(here, self._url(to_uri))

    def _photos_of(self, village: Village) -> list[PhotoEntry]:
        """The village's photos that were processed, cover first."""
        return [entry for entry in village.photos if entry.path in self.photos]

    def _picture(self, here: str, entry: PhotoEntry, role: str, lazy: bool = True) -> PictureView:
        return picture_view(
            self.photos[entry.path], here, alt=entry.alt, role=role,
            caption=entry.caption, credit=entry.credit, lazy=lazy,
        )

    def _facts(self, village: Village, link: Callable[[str], str]) -> list[dict[str, Any]]:
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

    def _figures(self, figures: list[dict[str, Any]], note: str | None = None) -> str:
        return self.fragments.render("figures.html", figures=[shown_figure(f) for f in figures], note=note)

    def _village_cards(self, villages: list[Village], here: str, show_category: bool = True) -> str:
        link = self._linker_at(here)
        cards = []
        for village in villages:
            meta = [village.place]
            if show_category:
                meta.append(self.content.category(village.category).name)
            figures = village.data.get("figures") or []
            photos = self._photos_of(village)
            cards.append({
                "href": link(village_uri(village.slug)),
                "title": village.name,
                "meta": meta,
                "text": village.summary,
                "figure": shown_figure(figures[0]) if figures else None,
                "thumb": self._picture(here, photos[0], role="card") if photos else None,
            })
        return self.fragments.render("cards.html", cards=cards)

    def _category_cards(self, link: Callable[[str], str]) -> str:
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


def _join(parts: list[str]) -> str:
    return "\n\n".join(parts) + "\n"
