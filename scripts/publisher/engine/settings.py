"""Read the project's settings from mkdocs.yml: ``extra.publisher`` and Material's blog plugin."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..findings import Finding
from ..project import Project

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
    # Processes that render the pages' templates in `mkdocs build` (engine/parallel.py);
    # 0: one per core. PUBLISHER_WORKERS in the environment overrides it (benchmarks).
    workers = c.Type(int, default=0)
    # Work skipped where its result is known (engine/nav_cache.py); off (or PUBLISHER_FAST=0)
    # renders every page's navigation, as the reference the tests compare with.
    fast = c.Type(bool, default=True)


def read_project(config: MkDocsConfig) -> Project:
    """The project's settings; a mistake in them stops the build with its finding."""
    config_file = Path(config.config_file_path).resolve()
    settings = PublisherConfig()
    settings.load_dict(dict(config.extra.get("publisher") or {}))
    errors, warnings = settings.validate()
    for key, warning in warnings:
        log.warning(str(_config_finding(config_file, key, warning)))
    if errors:
        raise PluginError("\n".join(str(_config_finding(config_file, key, error)) for key, error in errors))
    blog = config.plugins.get("material/blog")
    news = {}
    if blog is not None:
        options = blog.config
        news = dict(
            post_dir=options.post_dir.format(blog=options.blog_dir),
            blog_dir=options.blog_dir,
            post_url_format=options.post_url_format,
            post_url_date_format=options.post_url_date_format,
            news_categories=list(options.categories_allowed),
            authors_file=options.authors_file.format(blog=options.blog_dir),
        )
    return Project(
        root=config_file.parent,
        docs=Path(config.docs_dir).resolve(),
        site_dir=Path(config.site_dir),
        villages_dir=settings.villages_dir,
        campaign_file=settings.campaign_file,
        fragments_dir=settings.fragments_dir,
        cache_dir=settings.cache_dir,
        publish_originals=settings.publish_originals,
        search=settings.search,
        workers=int(os.environ.get("PUBLISHER_WORKERS") or settings.workers or os.cpu_count() or 1),
        fast=settings.fast and os.environ.get("PUBLISHER_FAST") != "0",
        directory_urls=config.use_directory_urls,
        site_url=(config.site_url or "").rstrip("/") + "/",
        **news,
    )


def read_project_file(config_file: Path) -> Project:
    """For the editors' commands: the project of a mkdocs.yml, without building."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return read_project(load_config(str(config_file)))


def _config_finding(config_file: Path, key: str, problem: object) -> Finding:
    """A mistake in ``extra.publisher``, at the line of its key in mkdocs.yml."""
    lines = config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    pattern = re.compile(rf"^\s+{re.escape(key)}\s*:")
    line = next((n for n, text in enumerate(lines, 1) if pattern.match(text)), None)
    return Finding(config_file.name, line, f"extra.publisher.{key}", f"设置有误：{problem}")
