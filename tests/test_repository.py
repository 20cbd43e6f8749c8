"""The repository's own content: it builds with --strict and covers the report."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from bs4 import BeautifulSoup
from conftest import REPO


def test_repository_content_builds_strict(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr

    slugs = sorted(p.parent.name for p in (REPO / "villages").glob("*/village.yml"))
    assert len(slugs) >= 8
    categories = set()
    for slug in slugs:
        data = yaml.safe_load((REPO / "villages" / slug / "village.yml").read_text(encoding="utf-8"))
        categories.add(data["category"])
        page = BeautifulSoup((site / "villages" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select_one("article h1").get_text() == data["name"]
        assert data["sources"], f"{slug} cites no source"
    assert categories == {"red-culture", "folk-custom", "specialty-industry", "eco-livable", "rural-governance"}

    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    values = {v.get_text() for v in home.select(".hg-figure__value")}
    assert {"15976个", "341759名", "5350个", "892个", "14858名"} <= values


def test_every_village_file_names_the_schema_for_editors_ides():
    for path in (REPO / "villages").glob("*/village.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../village.schema.json", path
