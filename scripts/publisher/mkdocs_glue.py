"""The MkDocs-facing layer: typed settings, generated files, navigation.

Everything MkDocs-specific lives here (and in ``scripts/hooks.py``, which only
delegates); loading, checking and page generation are engine-free.
"""

from __future__ import annotations

import logging
import posixpath
from functools import partial
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .content import Content, load_content
from .findings import Finding
from .images.pipeline import ImageCache, Photo, Report, process_photos
from .images.settings import ImageSettings
from .pages import HOME_URI, OVERVIEW_URI, PageMaker, PageSource
from .photos import IMAGE_SUFFIXES, drop_failed_photos, replace_images, village_photo_files
from .pictures import ASSET_DIR, picture_view
from .render import Fragments
from .urls import relative_url

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
        self.page_images: dict[str, File] = {}  # site path -> image file in docs/
        self.page_photos: dict[str, Photo] = {}  # site path -> its processed photo

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and check the content, process photos, report every finding, add pages."""
        self.content = load_content(self.root, self.settings.villages_dir, self.settings.campaign_file)
        findings = list(self.content.findings)

        self.page_images = {f.url: f for f in files.media_files() if self._is_page_image(f)}
        images = [Path(f.abs_src_path) for f in self.page_images.values()]
        self.report = process_photos(village_photo_files(self.content.villages) + images, self.images, self.cache)
        findings += drop_failed_photos(self.content.villages, self.report)
        for url, file in self.page_images.items():
            path = Path(file.abs_src_path)
            if path in self.report.errors:
                findings.append(Finding(self._shown(path), None, None, self.report.errors[path]))
            else:
                self.page_photos[url] = self.report.photos[path]
        self._add_derivatives(files, config)

        for finding in sorted(findings):
            log.warning(str(finding))
        if findings:
            log.info(f"内容检查发现 {len(findings)} 个问题；有错误的档案和照片已跳过，其余照常生成。")

        self.maker = PageMaker(
            self.content, self.fragments, directory_urls=config.use_directory_urls, photos=self.report.photos,
        )
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

    def _is_page_image(self, file: File) -> bool:
        """Photos in docs/ (articles' images); not the site's own assets."""
        return (
            file.abs_src_path is not None
            and Path(file.abs_src_path).suffix.lower() in IMAGE_SUFFIXES
            and Path(file.abs_src_path).resolve().is_relative_to(self.docs)
            and not file.src_uri.startswith(("assets/", "stylesheets/", "javascripts/"))
        )

    def _add_derivatives(self, files: Files, config: MkDocsConfig) -> None:
        added: set[str] = set()
        for photo in self.report.photos.values():
            for name in photo.files():
                if name not in added:
                    added.add(name)
                    files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(self.cache.path(name))))
        log.info(
            f"照片：{len(self.report.photos)} 张，其中 {self.report.processed} 张新处理、"
            f"{self.report.cached} 张来自缓存，用时 {self.report.seconds:.1f} 秒"
        )

    def _shown(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def attach_to_nav(self, nav: Navigation, files: Files) -> None:
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

    def page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.src_uri == HOME_URI and self.maker is not None:
            return markdown.rstrip() + "\n\n" + self.maker.home_sections() + "\n"
        return markdown

    def page_content(self, html: str, page: Page) -> str:
        """Images in pages become processed pictures; pages without any skip the lightbox."""
        here = page.url

        def site_path(src: str) -> str | None:
            if not src or "://" in src or src.startswith(("data:", "/", "#")):
                return None
            return posixpath.normpath(posixpath.join(posixpath.dirname(here) if not here.endswith("/") else here, src))

        def photo_at(src: str) -> Photo | None:
            path = site_path(src)
            if path in self.page_images and path not in self.page_photos:
                self._report_failed_image(page, self.page_images[path])
            return self.page_photos.get(path)

        def render(photo: Photo, alt: str, title: str | None, index: int) -> str:
            view = picture_view(
                photo, lambda name: relative_url(here, f"{ASSET_DIR}/{name}"),
                alt=alt, role="article", caption=title, lazy=index > 0,
            )
            return self.fragments.render("figure.html", p=view, gallery=page.file.src_uri)

        html, _ = replace_images(html, photo_at, render)
        if 'class="glightbox' not in html:
            page.meta["glightbox"] = False  # mkdocs-glightbox then adds nothing to the page
        return html

    def _report_failed_image(self, page: Page, image: File) -> None:
        name = image.name + Path(image.abs_src_path).suffix
        text = page.markdown or ""
        line = next((n for n, row in enumerate(text.splitlines(), 1) if name in row), None)
        where = f"docs/{page.file.src_uri}" + (f":{line}" if line else "")
        log.warning(f"{where}: image: 图片无法发布，见上文（{self._shown(Path(image.abs_src_path))}）")

    def remove_originals(self, files: Files) -> None:
        """Photos in docs/ are published as derivatives only."""
        for file in self.page_images.values():
            files.remove(file)

    def prune_cache(self) -> None:
        keep = {name for photo in self.report.photos.values() for name in photo.files()}
        removed = self.cache.prune(keep)
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
