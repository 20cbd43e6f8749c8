"""Build real sites in temporary folders and look at their HTML.

A test project is a copy of this repository's configuration (mkdocs.yml,
docs/, the categories and the schema) with the test's own village files; the
code (scripts/) and templates (overrides/) are linked, not copied, so the
tests run exactly what the repository ships.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Project:
    root: Path
    warnings: list[str] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def village(self, slug: str, text: str | bytes) -> Path:
        return self.write(f"villages/{slug}/village.yml", text)

    def article(self, name: str, front_matter: str, body: str = "正文第一段。\n\n正文第二段。\n") -> Path:
        return self.write(f"docs/news/posts/{name}.md", f"---\n{front_matter.strip()}\n---\n\n{body}")

    def build(self, strict: bool = False, command: str = "build", dirty: bool = False,
              site_dir: Path | None = None, startup: bool = True) -> list[str]:
        """Build in-process, as `mkdocs build` (or `serve`) does; return the warnings logged.

        ``startup=False``: a rebuild of a running `serve`, which gets no on_startup.
        """
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        handler = _ListHandler()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        previous = logger.level
        logger.setLevel(logging.INFO)
        try:
            options = {"site_dir": str(site_dir)} if site_dir else {}
            config = load_config(str(self.root / "mkdocs.yml"), strict=strict, **options)
            if startup:
                config.plugins.on_startup(command=command, dirty=dirty)  # as the CLI does
            build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None, dirty=dirty)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous)
            self.warnings = handler.warnings
        return self.warnings

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run the real `mkdocs` command line in the project."""
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", *args],
            cwd=self.root, capture_output=True, text=True, timeout=300,
        )

    def page(self, url: str) -> BeautifulSoup:
        """Parsed HTML of a built page by its URL path, e.g. "villages/huahebian/"."""
        path = self.site / url / "index.html" if url.endswith("/") or not url else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings.append(record.getMessage())


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site: to compare two builds."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own site, built once as CI builds it (strict); tests only read it."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def site_url(sample_site):
    """The sample site served over HTTP on 127.0.0.1."""
    from testkit.browser import serving

    with serving(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    from testkit.browser import launched

    with launched() as browser:
        yield browser


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A tiny project with the repository's configuration and no villages."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for linked in ("scripts", "overrides"):
        (root / linked).symlink_to(REPO / linked)
    shutil.copytree(REPO / "docs", root / "docs")
    # The sample articles name the repository's villages: tests write their own.
    shutil.rmtree(root / "docs/news/posts")
    (root / "docs/news/posts").mkdir()
    (root / "villages").mkdir()
    for name in ("categories.yml", "counties.yml", "village.schema.json"):
        shutil.copy(REPO / "villages" / name, root / "villages" / name)
    project = Project(root)
    # Figures of its own, so a test can tell them from the repository's.
    project.write("docs/_data/campaign.yml", TEST_CAMPAIGN)
    return project


TEST_CAMPAIGN = """\
heading: 测试成效
figures:
  - label: 测试用基层党组织
    value: 4321
    unit: 个
  - label: 测试用增收
    value: 1.5
    unit: 万元
    year: 2018
"""


def village_yaml(name: str = "花河边村", category: str = "rural-governance", county: str = "罗田县",
                 summary: str = "村企共建的示范村。", **extra: str) -> str:
    """A valid village.yml; extra fields are ready YAML text (indented text is a block)."""
    lines = [
        "# yaml-language-server: $schema=../village.schema.json",
        f"name: {name}",
        f"category: {category}",
        f"county: {county}",
        f"summary: {summary}",
    ]
    lines += [f"{key}:\n{value}" if value.startswith("  ") else f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"
