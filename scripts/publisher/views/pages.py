"""Turn the page plan into the markdown of generated pages.

Pure: content and plan in, ``PageSource`` objects out. Structure (headings,
the story) is markdown, so an engine builds its table of contents and search
index from it; editors' strings are autoescaped HTML fragments. Page metadata
is pre-escaped too, because Material's templates print ``page.meta.title``
and ``description`` unescaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial
from typing import Callable

from ..content.model import Village
from ..news.articles import Article
from ..urls import relative_url
from . import listings
from .map import map_svg
from .markup import front_matter, join_blocks
from .pieces import Pieces
from .plan import COUNTIES_URI, HOME_URI, NEWS_URI, OVERVIEW_URI, SEARCH_URI, PagePlan, PlannedPage, county_uri


@dataclass(frozen=True)
class PageSource:
    src_uri: str
    markdown: str
    parent_uri: str | None = None  # page shown as active in the navigation
    nav_after: str | None = None  # listed in the sidebar right after this page


class PageMaker(Pieces):
    def __init__(self, *args, news_categories: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.news_categories = list(news_categories)
        self._render: dict[str, Callable[[PlannedPage], str]] = {
            "overview": self.overview_page, "counties": self.counties_page, "search": self.search_page,
            "offline": self.offline_page,
            "village": self.village_page, "category": partial(listings.category_page, self),
            "county": partial(listings.county_page, self), "gallery": partial(listings.gallery_page, self),
        }

    def pages(self, plan: PagePlan) -> list[PageSource]:
        return [self.page(planned) for planned in plan.generated()]

    def page(self, planned: PlannedPage) -> PageSource:
        markdown = self._render[planned.kind](planned)
        return PageSource(planned.src_uri, markdown, planned.parent_uri, planned.nav_after)

    def home_sections(self) -> str:
        """Markdown appended to the editors' home page, ``docs/index.md``."""
        link = self.linker(HOME_URI)
        campaign = self.content.campaign.data
        parts = []
        if self.content.campaign.figures:
            parts += [
                f"## {html.escape(campaign.get('heading', '整县推进成效'))}",
                self.figures(self.content.campaign.figures, note=campaign.get("note")),
            ]
        latest = self.news.latest(5, self.include_drafts)
        if latest:
            parts += ["## 最新动态", self.article_list(latest, HOME_URI), f"[查看全部新闻 →]({NEWS_URI})"]
        parts += ["## 五类示范村", self.category_cards(link)]
        if self.content.shapes is not None and self.content.villages:
            parts += ["## 示范村分布", self.map_with_counties(link, "hg-map-home")]
        featured = self.content.featured()
        if featured:
            parts += [
                "## 示范村风采",
                self.village_cards(featured, self.url(HOME_URI)),
                self.fragments.render("more.html", href=link(OVERVIEW_URI), text="查看全部示范村"),
            ]
        return "\n\n".join(parts)

    def village_page(self, planned: PlannedPage) -> str:
        village: Village = planned.villages[0]
        uri = planned.src_uri
        here = self.url(uri)
        data = village.data
        photos = self.photos_of(village)
        parts = [
            # read_aloud: 读给我听 is offered on the page (main.html, hg-read-aloud.js)
            front_matter(title=html.escape(village.name), description=html.escape(village.summary), read_aloud="village"),
            self.fragments.render("lead.html", text=village.summary),
        ]
        if photos:
            cover = self.picture(here, photos[0], role="hero", lazy=False)
            parts.append(self.fragments.render("photo.html", p=cover, gallery=f"{village.slug}-cover"))
        parts.append(
            self.fragments.render("facts.html", rows=self.facts(village, self.linker(uri)), tags=data.get("tags", []))
        )
        if data.get("figures"):
            parts += ["## 数说成效", self.figures(data["figures"])]
        if data.get("highlights"):
            parts += ["## 特色亮点", self.fragments.render("highlights.html", items=data["highlights"])]
        if data.get("story", "").strip():
            parts += ["## 村庄故事", data["story"].strip()]
        if photos:
            pictures = [self.picture(here, entry, role="thumb") for entry in photos]
            parts += ["## 图片", self.fragments.render("gallery.html", pictures=pictures, gallery=village.slug)]
        articles = self.news.about(village.slug, self.include_drafts)
        if articles:
            # In a "related" block: not this village's own text for the search index.
            parts += ["## 相关新闻", f'<div class="hg-related" markdown>\n\n{self.article_list(articles, uri)}\n\n</div>']
        if data.get("sources"):
            parts += ["## 资料来源", self.fragments.render("sources.html", sources=data["sources"])]
        return join_blocks(parts)

    def overview_page(self, planned: PlannedPage) -> str:
        link = self.linker(OVERVIEW_URI)
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
            self.category_cards(link),
            "## 按县浏览",
            self.map_with_counties(link, "hg-map-overview"),
            self.fragments.render("more.html", href=link(COUNTIES_URI), text="查看各县（市、区）的示范村"),
        ]
        return join_blocks(parts)

    def map_with_counties(self, link, ident: str) -> str:
        """The map (where the project has county shapes) beside the list of counties."""
        counties = [{"name": name, "count": len(villages), "href": link(county_uri(name))}
                    for name, villages in self.content.counties.items()]
        drawn = map_svg(self.content, self.fragments, link, ident)
        listed = self.fragments.render("county-list.html", counties=counties)
        return f'<div class="hg-map-and-list">\n{drawn}\n{listed}\n</div>' if drawn else listed

    def search_page(self, planned: PlannedPage) -> str:
        """The search page: the form is here, results come from the browser."""
        here = self.url(SEARCH_URI)
        parts = [
            front_matter(
                title="搜索", description="搜索黄冈市“整县推进”示范村和新闻。",
                template="search.html", hide=["navigation", "toc"], search={"exclude": True},
            ),
            self.fragments.render(
                "search-form.html",
                index=relative_url(here, "assets/search/"),
                site=relative_url(here, ""),
                categories=[c.name for c in self.content.categories],
                news_categories=self.news_categories,
                counties=list(self.content.counties),
            ),
        ]
        return join_blocks(parts)

    def offline_page(self, planned: PlannedPage) -> str:
        """Shown by the service worker, without a network, for a page this phone never saved."""
        parts = [
            front_matter(title="暂时没有网络", description="没有网络时显示：列出本机已保存、可以离线阅读的页面。",
                         hide=["navigation", "toc"], search={"exclude": True}),
            self.fragments.render("offline.html"),
        ]
        return join_blocks(parts)

    def counties_page(self, planned: PlannedPage) -> str:
        link = self.linker(COUNTIES_URI)
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
        return join_blocks(parts)

    def article_villages(self, article: Article, here: str) -> str:
        """Markdown appended to an article: cards of the villages it concerns."""
        villages = self.content.villages_named(article.villages)
        if not villages:
            return ""
        return f'## 相关示范村\n\n<div class="hg-related">\n{self.village_cards(villages, here)}\n</div>'

