"""The MkDocs-facing layer: typed settings, generated files, navigation.

Everything MkDocs-specific lives here (and in ``scripts/hooks.py``, which only
delegates); loading, checking and page generation are engine-free.
"""

from __future__ import annotations

import logging
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
from .pages import HOME_URI, OVERVIEW_URI, PageMaker, PageSource
from .render import Fragments

# Under "mkdocs." so that `mkdocs build --strict` counts these warnings. No
# prefix: editors read "villages/x/village.yml:3: category: ..." as it is.
log = logging.getLogger("mkdocs.plugins.publisher")


class PublisherConfig(base.Config):
    """``extra.publisher`` in mkdocs.yml; paths are relative to mkdocs.yml."""

    villages_dir = c.Type(str, default="villages")
    campaign_file = c.Type(str, default="docs/_data/campaign.yml")
    fragments_dir = c.Type(str, default="overrides/fragments")


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
    """State of one build: the content, and the pages made from it."""

    def __init__(self, config: MkDocsConfig):
        self.root, self.settings = load_settings(config)
        self.content: Content | None = None
        self.maker: PageMaker | None = None
        self.sources: dict[str, PageSource] = {}

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and check the content, report every finding, add generated pages."""
        self.content = load_content(self.root, self.settings.villages_dir, self.settings.campaign_file)
        for finding in self.content.findings:
            log.warning(str(finding))
        if self.content.findings:
            log.info(
                f"内容检查发现 {len(self.content.findings)} 个问题；有错误的档案已跳过，其余照常生成。"
            )
        fragments = Fragments(self.root / self.settings.fragments_dir)
        self.maker = PageMaker(self.content, fragments, directory_urls=config.use_directory_urls)
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
