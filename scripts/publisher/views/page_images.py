"""Images that editors put in pages (articles' photos): processed like village photos, shown as pictures.

Pure: given the page images the engine found and the photo report, their
processed photos by URL once the engine has placed them, and each rendered
page's ``<img>`` replaced by a ``<picture>``; an image that failed is told once
per page, at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from selectolax.lexbor import LexborHTMLParser

from ..findings import Finding
from ..images.html import replace_images, replace_in_tree
from ..images.pipeline import Photo, Report
from ..urls import resolve
from .fragments import Fragments
from .pictures import picture_view

_MARK = "hg-photo:"  # an image of a news list's excerpt, by its path in docs/


class PageImages:
    def __init__(self, sources: dict[str, Path], report: Report, shown: Callable[[Path], str]):
        """``sources``: the image files of the pages by their path in docs/."""
        self.sources = sources
        self.photos: dict[str, Photo] = {uri: report.photos[p] for uri, p in sources.items() if p in report.photos}
        self.findings = [Finding(shown(p), None, None, report.errors[p]) for p in sources.values() if p in report.errors]
        self._shown = shown
        self._at: dict[str, str] = {}  # site URL -> path in docs/
        self._told: set[tuple[Path, str]] = set()  # (page, image) already reported

    def place(self, urls: dict[str, str]) -> None:
        """Where the engine publishes each image: its path in docs/ -> site URL."""
        self._at = {url: uri for uri, url in urls.items()}

    def excerpts(self, html: str, page_url: str, gallery: str, fragments: Fragments,
                 article_at: Callable[[str], str | None]) -> str:
        """A news list: each excerpt's images were written relative to its article's file, which
        the engine did not resolve for this page. ``article_at``: an article's source path by its URL.
        One parse: the excerpts' images are marked with their article's photo, then all are replaced."""
        if "<img" not in html or not self._at:
            return html
        tree = LexborHTMLParser(html)
        for post in tree.css("article.md-post--excerpt"):
            link = post.css_first("a.toclink") or post.css_first(".md-post__action a")
            href = link.attributes.get("href") if link is not None else None
            article = article_at(resolve(page_url, href).strip("/") + "/") if href else None
            for img in post.css("img") if article else ():
                uri = resolve(article, img.attributes.get("src") or "")
                if uri in self.photos:
                    img.attrs["src"] = _MARK + uri
        photo_at, render = self._replacer(page_url, gallery, fragments, None, [])
        return tree.html if replace_in_tree(tree, tree.css("img"), photo_at, render) else html

    def pictures(self, html: str, page_url: str, gallery: str, fragments: Fragments, *,
                 source: tuple[Path, str] | None = None, document: bool = False) -> tuple[str, list[Finding]]:
        """``html`` with its images of pages as pictures; ``gallery``: the lightbox group.

        ``source``: the page's file and markdown, to tell of images that failed
        (once per page and image, at their line); None: a page that repeats
        others' content (a news list), told nothing.
        """
        findings: list[Finding] = []
        if not self._at:
            return html, findings  # no images in docs/: nothing to parse for
        photo_at, render = self._replacer(page_url, gallery, fragments, source, findings)
        return replace_images(html, photo_at, render, document=document), findings

    def _replacer(self, page_url: str, gallery: str, fragments: Fragments, source, findings: list[Finding]):
        """How an ``src`` of the page finds its photo, and how a photo is drawn there."""
        def photo_at(src: str) -> Photo | None:
            if not src or "://" in src or src.startswith(("data:", "/", "#")):
                return None
            if src.startswith(_MARK):  # an excerpt's image, found by ``excerpts``
                return self.photos.get(src[len(_MARK):])
            uri = self._at.get(resolve(page_url, src))
            if uri is not None and uri not in self.photos and source is not None:
                findings.extend(self._failed(source, uri))
            return self.photos.get(uri) if uri is not None else None

        def render(photo: Photo, alt: str, title: str | None, index: int) -> str:
            view = picture_view(photo, page_url, alt=alt, role="article", caption=title, lazy=index > 0)
            return fragments.render("photo.html", p=view, gallery=gallery)

        return photo_at, render

    def _failed(self, source: tuple[Path, str], uri: str) -> list[Finding]:
        page, markdown = source
        if (page, uri) in self._told:
            return []
        self._told.add((page, uri))
        name = Path(uri).name
        line = next((n for n, row in enumerate(markdown.splitlines(), 1) if name in row), None)
        return [Finding(self._shown(page), line, "image", f"图片无法发布，见上文（{self._shown(self.sources[uri])}）")]
