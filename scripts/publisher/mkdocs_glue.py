"""The MkDocs-facing layer: typed settings, generated files, navigation.

Everything MkDocs-specific lives here (and in ``scripts/hooks.py``, which only
delegates, ``preview.py`` and ``blog_speedups.py``); loading, checking and
page generation are engine-free.
"""

from __future__ import annotations

import html
import logging
import multiprocessing
import posixpath
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from material.plugins.blog.structure import Post as BlogPost
from material.plugins.blog.structure import View as BlogView
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

from .content import Content, Village, load_content
from .findings import Finding
from .images.pipeline import ImageCache, Photo, Report, process_photos
from .images.settings import ImageSettings
from .memo import stamp
from .news import Article, News, load_news, reading_minutes, with_excerpt_separator
from .pages import HOME_URI, PageMaker, PageSource, markdown_text, village_uri
from . import preview
from .photos import IMAGE_SUFFIXES, drop_failed_photos, replace_images, village_photo_files
from .pictures import ASSET_DIR, picture_view
from .render import Fragments
from .search.index import SearchDoc, write_index
from .search.pages import article_doc, village_doc
from .share import share_preview
from .yamlsource import read_yaml

# Under "mkdocs." so that `mkdocs build --strict` counts these warnings. No
# prefix: editors read "villages/x/village.yml:3: category: ..." as it is.
log = logging.getLogger("mkdocs.plugins.publisher")


class PublisherConfig(base.Config):
    """``extra.publisher`` in mkdocs.yml; paths are relative to mkdocs.yml."""

    villages_dir = c.Type(str, default="villages")
    campaign_file = c.Type(str, default="docs/_data/campaign.yml")
    fragments_dir = c.Type(str, default="overrides/fragments")
    cache_dir = c.Type(str, default=".cache/images")  # photo derivatives, kept between builds
    # Also publish each photo at its full size (never the original file: its
    # metadata, GPS positions included, is always stripped).
    publish_originals = c.Type(bool, default=False)
    search = c.Type(bool, default=True)  # write the search index (off: to measure its cost)


def load_settings(config: MkDocsConfig) -> tuple[Path, PublisherConfig]:
    settings = PublisherConfig()
    settings.load_dict(dict(config.extra.get("publisher") or {}))
    errors, warnings = settings.validate()
    for key, warning in warnings:
        log.warning(f"mkdocs.yml: extra.publisher.{key}: {warning}")
    if errors:
        raise PluginError(
            "mkdocs.yml: extra.publisher: "
            + "; ".join(f"{key}: {error}" for key, error in errors)
        )
    return Path(config.config_file_path).resolve().parent, settings


def blog_settings(blog, docs: Path) -> tuple[str, list[str], list[str]]:
    """From Material's blog plugin: the posts folder, allowed categories, author keys."""
    config = blog.config
    authors_file = docs / config.authors_file.format(blog=config.blog_dir)
    authors = read_yaml(authors_file, authors_file.name) if authors_file.is_file() else None
    keys = sorted((authors.data or {}).get("authors", {})) if authors is not None and authors.ok else []
    return config.post_dir.format(blog=config.blog_dir), list(config.categories_allowed), keys


class Publisher:
    """State of one build: the content, its photos, and the pages made from them."""

    def __init__(self, config: MkDocsConfig):
        self.root, self.settings = load_settings(config)
        self.images = ImageSettings(publish_originals=self.settings.publish_originals)
        self.cache = ImageCache(self.root / self.settings.cache_dir)
        self.fragments = Fragments(self.root / self.settings.fragments_dir)
        self.docs = Path(config.docs_dir).resolve()
        self.content: Content | None = None
        self.maker: PageMaker | None = None
        self.sources: dict[str, PageSource] = {}
        self.report = Report()
        self.page_images: list[File] = []  # images in docs/ (articles' photos)
        self.page_photos: dict[str, Photo] = {}  # their src_uri -> processed photo
        self._image_at: dict[str, File] | None = None  # site URL -> image: see _images_by_url
        self._reported: set[tuple[str, str]] = set()  # (page, image) already warned about
        self.blog = config.plugins.get("material/blog")  # renders the news articles
        self._rss = config.plugins.get("rss")  # writes the news feeds
        if self._rss is not None and isinstance(getattr(self._rss, "pages_to_filter", None), list):
            # mkdocs-rss-plugin 1.19 empties its list of articles in on_startup
            # only; `serve` keeps the plugin between rebuilds and gets no
            # on_startup again, so each rebuild would list every article once more.
            self._rss.pages_to_filter = []
        self.news = News([], [], [])
        self.site_url = (config.site_url or "").rstrip("/") + "/"
        self.search_docs: dict[str, SearchDoc] = {}  # by page source path
        self.config_file = Path(config.config_file_path).resolve()
        self.custom_dir = config.theme.custom_dir
        self.plan = preview.Plan(config.site_dir) if preview.active() else None  # serve --dirty
        self._home: str | None = None
        self.articles_by_uri: dict[str, Article] = {}
        self.villages_by_uri: dict[str, Village] = {}

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and check the content, process photos, report every finding, add pages."""
        memo = preview.files if self.plan is not None else None  # the preview's earlier reads
        self.content = load_content(self.root, self.settings.villages_dir, self.settings.campaign_file, memo)
        self.villages_by_uri = {village_uri(v.slug): v for v in self.content.villages}
        findings = list(self.content.findings)

        self.page_images = [f for f in files.media_files() if self._is_page_image(f)]
        images = [Path(f.abs_src_path) for f in self.page_images]
        self.report = process_photos(
            village_photo_files(self.content.villages) + images, self.images, self.cache,
            known=preview.photos if self.plan is not None else None,
        )
        findings += drop_failed_photos(self.content.villages, self.report)
        for file in self.page_images:
            path = Path(file.abs_src_path)
            if path in self.report.errors:
                findings.append(Finding(self._shown(path), None, None, self.report.errors[path]))
            else:
                self.page_photos[file.src_uri] = self.report.photos[path]
        self._add_derivatives(files, config)
        findings += self._load_news(files, config)

        for finding in sorted(findings):
            log.warning(str(finding))
        if findings:
            log.info(f"内容检查发现 {len(findings)} 个问题；有错误的档案和照片已跳过，其余照常生成。")

        self.maker = PageMaker(
            self.content, self.fragments, directory_urls=config.use_directory_urls, photos=self.report.photos,
            news=self.news, include_drafts=self._drafts_shown(),
            news_categories=list(self.blog.config.categories_allowed) if self.blog else [],
        )
        self.search_docs = {}
        self.sources = {}
        for source in self.maker.pages():
            if files.get_file_from_path(source.src_uri) is not None:
                log.warning(f"docs/{source.src_uri}: 与自动生成的页面重名，已忽略自动生成的页面")
                continue
            self.sources[source.src_uri] = source
            files.append(File.generated(
                config, source.src_uri, content=source.markdown, inclusion=InclusionLevel.NOT_IN_NAV,
            ))
        return files

    def _load_news(self, files: Files, config: MkDocsConfig) -> list[Finding]:
        """Check every article; leave the bad ones out, before the blog plugin reads them."""
        if self.blog is None:
            return []
        post_dir, categories, authors = blog_settings(self.blog, self.docs)
        self.news = load_news(
            self.docs, self._shown(self.docs), post_dir, categories, authors,
            villages={v.slug for v in self.content.villages},
            memo=preview.files if self.plan is not None else None,
        )
        self.articles_by_uri = {a.src_uri: a for a in self.news.articles}
        for src_uri in self.news.rejected:
            files.remove(files.get_file_from_path(src_uri))
        return self.news.findings

    def _drafts_shown(self) -> bool:
        """Drafts are rendered by `mkdocs serve` (draft_on_serve), never by a build."""
        return bool(self.blog is not None and self.blog.config.draft)

    def _is_page_image(self, file: File) -> bool:
        """Photos in docs/ (articles' images); not the site's own assets."""
        return (
            file.abs_src_path is not None
            and Path(file.abs_src_path).suffix.lower() in IMAGE_SUFFIXES
            and Path(file.abs_src_path).resolve().is_relative_to(self.docs)
            and not file.src_uri.startswith(("assets/", "stylesheets/", "javascripts/"))
        )

    def _add_derivatives(self, files: Files, config: MkDocsConfig) -> None:
        for name in sorted(self.report.files()):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(self.cache.path(name))))
        log.info(
            f"照片：{len(self.report.photos)} 张，其中 {self.report.processed} 张新处理、"
            f"{self.report.cached} 张来自缓存，用时 {self.report.seconds:.1f} 秒"
        )

    def _shown(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def attach_to_nav(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        """Give generated pages their parent; list a few of them in the sidebar.

        Villages and counties stay out of the sidebar (it would grow with the
        site); their parent page is shown as active instead. Category pages
        go right after the villages overview, wherever mkdocs.yml's nav has it.
        """
        page_of = partial(_page, files)
        listed_after: dict[str, list[Page]] = {}
        for source in self.sources.values():
            page = page_of(source.src_uri)
            parent = page_of(source.parent_uri)
            if parent is not None:
                page.parent = parent
            if source.nav_after:
                listed_after.setdefault(source.nav_after, []).append(page)
        for anchor_uri, pages in listed_after.items():
            anchor = page_of(anchor_uri)
            if anchor not in nav.pages:
                continue  # the anchor is not in the nav: neither are these pages
            siblings = anchor.parent.children if isinstance(anchor.parent, Section) else nav.items
            siblings[siblings.index(anchor) + 1:siblings.index(anchor) + 1] = pages
            nav.pages[nav.pages.index(anchor) + 1:nav.pages.index(anchor) + 1] = pages
            for page in pages:
                page.parent = anchor.parent
        _link_in_order(nav.pages)
        if self.plan is not None:
            self._plan_rebuild(nav, files, config)

    def _plan_rebuild(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        """The preview (serve --dirty) renders only pages whose inputs changed: see preview.py."""
        pages: dict[str, object] = {}
        every = preview.every_page(files)
        # The news lists show every article's excerpt: they change with any article
        # file, and with the editors' own text of a list (docs/news/index.md).
        posts = sorted(
            (f.src_uri, stamp(f.abs_src_path)) for f in every
            if isinstance(f.page, BlogPost) or (isinstance(f.page, BlogView) and self._in_docs(f))
        )
        blog = preview.digest(*posts, self._drafts_shown())
        blog_pages = {f.src_uri for f in every if isinstance(f.page, (BlogPost, BlogView))}
        generated = {uri: preview.digest(source.markdown) for uri, source in self.sources.items()}
        for file in every:
            uri = file.src_uri
            if uri in generated:
                pages[uri] = generated[uri]
            elif uri == HOME_URI and self.maker is not None:
                pages[uri] = preview.digest(stamp(file.abs_src_path), self._home_sections())
            elif uri in self.articles_by_uri:  # an article also shows cards of the villages it names
                named = [generated.get(village_uri(slug)) for slug in self.articles_by_uri[uri].villages]
                pages[uri] = preview.digest(stamp(file.abs_src_path), *named)
            elif isinstance(file.page, BlogView):  # its source is a stub the blog plugin rewrites
                pages[uri] = blog
            else:
                pages[uri] = stamp(file.abs_src_path)
        others = [f.abs_src_path for f in files if not f.is_documentation_page() and f.abs_src_path
                  and not Path(f.abs_src_path).is_relative_to(self.cache.directory)]
        villages = self.root / self.settings.villages_dir
        inputs = preview.tree_stat([
            self.config_file, self.root / self.settings.campaign_file, self.root / self.settings.fragments_dir,
            *(p for p in villages.glob("*") if p.is_file()), *(self.docs.rglob(".*.yml")),
            *([self.custom_dir] if self.custom_dir else []), *others,
        ])
        self.plan.decide(files, pages, {p.file.src_uri for p in nav.pages}, blog_pages, inputs, blog)
        for file in every:
            if isinstance(file.page, BlogView) and file.src_uri not in self.plan.rebuilt:
                # A rebuilt article links to its categories and the news section
                # by their titles, which come from these pages' sources.
                file.page.read_source(config)
        rss = self._rss
        if rss is not None and self.plan.partial and not self.plan.blog_changed:
            rss.config.enabled = False  # no article changed: the feeds written last time stay

    def _in_docs(self, file: File) -> bool:
        return file.abs_src_path is not None and Path(file.abs_src_path).is_relative_to(self.docs)

    def _home_sections(self) -> str:
        if self._home is None:
            self._home = self.maker.home_sections()
        return self._home

    def page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.src_uri == HOME_URI and self.maker is not None:
            return markdown.rstrip() + "\n\n" + self._home_sections() + "\n"
        article = self._article(page)
        if article is None:
            return markdown
        if article.cover:
            cover = article.cover
            title = f' "{html.escape(cover["caption"])}"' if cover.get("caption") else ""
            image = f"![{markdown_text(cover['alt'])}]({cover['file']}{title})"
            heading, _, body = markdown.lstrip().partition("\n")
            markdown = (
                f"{heading}\n\n{image}\n\n{body}" if heading.startswith("# ") else f"{image}\n\n{markdown}"
            )
        markdown = with_excerpt_separator(markdown)
        cards = self.maker.article_villages(article, page.url)
        return markdown.rstrip() + ("\n\n" + cards + "\n" if cards else "\n")

    def _article(self, page: Page):
        return self.articles_by_uri.get(page.file.src_uri)

    def page_content(self, html: str, page: Page) -> str:
        """Images in pages become processed pictures; pages without any skip the lightbox."""
        html = self._pictures(html, page)
        if 'class="glightbox' not in html:
            page.meta["glightbox"] = False  # mkdocs-glightbox then adds nothing to the page
        if self._article(page) is not None:
            self._describe_article(html, page)
        self._index_for_search(html, page)
        return html

    def _index_for_search(self, html: str, page: Page) -> None:
        """Villages and articles go into the search index (drafts only in a preview)."""
        if not self.settings.search or (page.meta.get("search") or {}).get("exclude"):
            return
        article = self._article(page)
        if article is not None:
            self.search_docs[page.file.src_uri] = article_doc(article, self.content, page.url, html)
            return
        village = self.villages_by_uri.get(page.file.src_uri)
        if village is not None:
            self.search_docs[page.file.src_uri] = village_doc(village, self.content, page.url, html)

    def post_page(self, output: str, page: Page) -> str:
        """The blog's list pages show excerpts of articles, rendered after page_content:
        their images become pictures here (on these pages only: parsing costs)."""
        if not isinstance(page, BlogView):
            return output
        return self._pictures(output, page, document=True)

    def _images_by_url(self) -> dict[str, File]:
        """Images in docs/ by site URL. Computed when pages are rendered, not in
        on_files: the blog plugin moves the images of posts in its on_files, after ours."""
        if self._image_at is None:
            self._image_at = {f.url: f for f in self.page_images}
        return self._image_at

    def _pictures(self, html: str, page: Page, document: bool = False) -> str:
        images = self._images_by_url()
        if not images:
            return html  # no images in docs/: nothing to parse for
        here = page.url

        def site_path(src: str) -> str | None:
            if not src or "://" in src or src.startswith(("data:", "/", "#")):
                return None
            return posixpath.normpath(posixpath.join(posixpath.dirname(here) if not here.endswith("/") else here, src))

        def photo_at(src: str) -> Photo | None:
            image = images.get(site_path(src))
            if image is None:
                return None
            if image.src_uri not in self.page_photos:
                self._report_failed_image(page, image)
            return self.page_photos.get(image.src_uri)

        def render(photo: Photo, alt: str, title: str | None, index: int) -> str:
            view = picture_view(photo, here, alt=alt, role="article", caption=title, lazy=index > 0)
            return self.fragments.render("figure.html", p=view, gallery=page.file.src_uri)

        return replace_images(html, photo_at, render, document=document)

    def start_search_index(self, site_dir: str) -> None:
        """Write the index in a second process while MkDocs renders the pages.

        Every page's text was collected in page_content, which runs for all
        pages before on_env. Without fork (Windows, macOS), or under `serve`,
        it is written here; under `serve --dirty` (the preview), in the
        background, not waited for.
        """
        self._search_job = None
        if not self.settings.search:
            return
        docs = self.plan.search_docs(self.search_docs) if self.plan else list(self.search_docs.values())
        self._search_count = len(docs)
        arguments = (Path(site_dir) / "assets" / "search", docs, [c.name for c in self.content.categories])
        if self.plan is not None:  # the preview: the page first, the index after
            preview.in_background(write_index, *arguments)
            self._search_files = None
        # Fork only a single-threaded process: `mkdocs serve` runs server and
        # watcher threads, whose locks a forked child could inherit held.
        elif "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            self._search_pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._search_job = self._search_pool.submit(write_index, *arguments)
        else:
            self._search_files = write_index(*arguments)

    def finish_search_index(self) -> None:
        if not self.settings.search:
            return
        if self._search_job is not None:
            self._search_files = self._search_job.result()  # its errors surface here
            self._search_pool.shutdown()
        if self._search_files is None:
            log.info(f"搜索索引：{self._search_count} 个页面，在后台写入")
        else:
            log.info(f"搜索索引：{self._search_count} 个页面，{self._search_files} 个文件")

    def _describe_article(self, content: str, page: Page) -> None:
        """Reading time for Chinese, and a description (Material prints it unescaped)."""
        tree = LexborHTMLParser(content or "<p></p>")
        post_config = getattr(page, "config", None)
        if post_config is not None and hasattr(post_config, "readtime") and not post_config.readtime:
            post_config.readtime = reading_minutes(tree.text(separator=" "))  # the blog counts "words"
        description = page.meta.get("description")
        if not description:
            first = tree.css_first("p")
            description = first.text(strip=True)[:120] if first else ""
        page.meta["description"] = html.escape(description)

    def share_preview(self, page: Page, config: MkDocsConfig) -> None:
        """Open Graph data for every page, as plain text; the template escapes it."""
        article = self._article(page)
        image = self._share_image(page, article)
        page.meta["share"] = share_preview(
            title=page.title or config.site_name,
            description=page.meta.get("description") or config.site_description or "",
            url=self.site_url + page.url,
            site_name=config.site_name,
            image_url=self.site_url + f"{ASSET_DIR}/{image}" if image else None,
            published=article.date if article else None,
        )

    def _share_image(self, page: Page, article) -> str | None:
        """The JPEG of the page's cover photo: an article's, a village's, or a category's first."""
        if article is not None:
            if article.cover_uri in self.page_photos:
                return self.page_photos[article.cover_uri].fallback.files["jpg"]
            slugs = article.villages
        else:
            slugs = self.maker.villages_shown_on(page.file.src_uri) if self.maker else []
        for slug in slugs:
            village = self.content.by_slug.get(slug)
            if village is not None and village.cover is not None and village.cover.path in self.report.photos:
                return self.report.photos[village.cover.path].fallback.files["jpg"]
        return None

    def _report_failed_image(self, page: Page, image: File) -> None:
        """Once per page and image (a blog list page shows the article's excerpt again)."""
        if isinstance(page, BlogView) or (page.file.src_uri, image.src_uri) in self._reported:
            return
        self._reported.add((page.file.src_uri, image.src_uri))
        name = image.name + Path(image.abs_src_path).suffix
        text = page.markdown or ""
        line = next((n for n, row in enumerate(text.splitlines(), 1) if name in row), None)
        where = f"docs/{page.file.src_uri}" + (f":{line}" if line else "")
        log.warning(f"{where}: image: 图片无法发布，见上文（{self._shown(Path(image.abs_src_path))}）")

    def remove_originals(self, files: Files) -> None:
        """Photos in docs/ are published as derivatives only."""
        for file in self.page_images:
            files.remove(file)

    def finish_build(self) -> None:
        """After a build that succeeded: the preview's next rebuild compares with it."""
        if self.plan is not None:
            self.plan.finish()
        self.prune_cache()

    def prune_cache(self) -> None:
        removed = self.cache.prune(self.report.files())
        if removed:
            log.info(f"照片缓存：删除了 {removed} 个不再使用的文件")


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
