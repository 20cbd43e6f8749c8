"""Every page, image, script, style and file the built sample site names is there: no 404 anywhere."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser


def _targets(html: str):
    tree = LexborHTMLParser(html)
    for node in tree.css("[src], [href], [srcset], [poster], [data-src]"):
        for name in ("src", "href", "poster"):
            value = node.attributes.get(name)
            if value:
                yield node.tag, name, value
        for candidate in (node.attributes.get("srcset") or "").split(","):
            if candidate.strip():
                yield node.tag, "srcset", candidate.split()[0]


def _missing(site: Path, page: Path, target: str) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site (refused by other tests), mailto:, or an anchor on the page
    here = page.relative_to(site).parent.as_posix()
    # The sample is built for https://example.org/: a site address starts at the site's root.
    path = unquote(parts.path).lstrip("/") if parts.path.startswith("/") else posixpath.join(here, unquote(parts.path))
    path = posixpath.normpath(path)
    if path.startswith(".."):
        return "outside the site"
    file = site / path
    if file.is_dir():
        file = file / "index.html"
    return None if file.is_file() else "missing"


def test_every_link_and_asset_of_every_page_resolves(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 30
    broken, checked = [], 0
    for page in pages:
        for tag, attribute, target in _targets(page.read_text(encoding="utf-8")):
            checked += 1
            why = _missing(sample_site, page, target)
            if why:
                broken.append(f"{page.relative_to(sample_site)}: <{tag} {attribute}={target}>: {why}")
    assert broken == []
    assert checked > 1000


def test_news_lists_show_their_articles_cover_as_a_processed_picture(sample_site):
    for url in ("news/index.html", "news/archive/2018/06/index.html", "news/category/经验交流/index.html"):
        tree = LexborHTMLParser((sample_site / url).read_text(encoding="utf-8"))
        covers = [img for img in tree.css("article.md-post--excerpt img") if "avatars" not in (img.attributes.get("src") or "")]
        assert covers, url
        assert all("assets/photos/" in img.attributes["src"] for img in covers), url  # the processed picture
        assert all(_missing(sample_site, sample_site / url, img.attributes["src"]) is None for img in covers), url
