"""Replace ``<img>`` elements of rendered HTML by processed pictures, with a real parser."""

from __future__ import annotations

from typing import Callable

from selectolax.lexbor import LexborHTMLParser

from .pipeline import Photo


def replace_images(
    html: str,
    photo_at: Callable[[str], Photo | None],
    render: Callable[[Photo, str, str | None, int], str],
    document: bool = False,
) -> str:
    """Replace each ``<img>`` whose ``src`` is a processed photo by ``render(photo, alt, title, n)``.

    ``photo_at`` maps an ``src`` as written in the page to its photo (None: leave
    the element alone); ``n`` counts the replaced images from 0. ``document``:
    ``html`` is a whole page (with <head>), not the content of one.
    """
    if "<img" not in html:
        return html
    tree = LexborHTMLParser(html)
    if not replace_in_tree(tree, tree.css("img"), photo_at, render):
        return html
    return tree.html if document else tree.body.inner_html


def replace_in_tree(tree, images, photo_at, render) -> int:
    """``replace_images`` on a parsed ``tree``, for its ``images`` (nodes of it); how many were replaced."""
    count = 0
    for img in images:
        photo = photo_at(img.attributes.get("src") or "")
        if photo is None:
            continue
        fragment = render(photo, img.attributes.get("alt") or "", img.attributes.get("title"), count)
        replacement = LexborHTMLParser(fragment).body.child
        # A markdown image is alone in its paragraph: replace the paragraph, so
        # that a <figure> is not nested inside a <p>.
        target = img.parent if img.parent is not None and img.parent.tag == "p" and _only_child(img) else img
        target.replace_with(replacement)
        count += 1
    return count


def _only_child(node) -> bool:
    parent = node.parent
    return (parent.text(deep=True, strip=True) == "") and len([c for c in parent.iter() if c.tag != "-text"]) == 1
