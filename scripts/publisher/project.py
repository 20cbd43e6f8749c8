"""Where everything of a project is, and how its site is made: plain settings, no engine.

The engine adapter reads them from its configuration (``engine/settings.py``);
loading, checking and page generation take them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml; editors see paths relative to it
    docs: Path
    site_dir: Path
    villages_dir: str = "villages"
    campaign_file: str = "docs/_data/campaign.yml"
    fragments_dir: str = "overrides/fragments"
    cache_dir: str = ".cache/images"  # photo derivatives, kept between builds
    publish_originals: bool = False
    search: bool = True
    workers: int = 1  # processes converting and rendering pages in a build
    fast: bool = True  # skip work whose result is known (the navigation rendered once per state)
    directory_urls: bool = True
    site_url: str = "/"  # ends with /
    # The news (Material's blog plugin), where the project has them.
    post_dir: str | None = None  # relative to docs
    blog_dir: str | None = None  # where the news are published, e.g. news
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    news_categories: list[str] = field(default_factory=list)  # empty: any
    authors_file: str | None = None  # relative to docs

    def shown(self, path: Path | str) -> str:
        """A file as editors see it: relative to the project, with forward slashes."""
        return Path(path).resolve().relative_to(self.root).as_posix()

    @property
    def docs_shown(self) -> str:
        return self.shown(self.docs)

    @property
    def authors_path(self) -> Path | None:
        return self.docs / self.authors_file if self.authors_file else None
