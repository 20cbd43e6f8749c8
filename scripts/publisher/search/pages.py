"""What of a page goes into the search index: its text, and its filter values."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..content.model import Content, Village
from ..news.articles import Article
from .index import SearchDoc

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|dt|dd|figcaption|td|th|tr|blockquote|pre|ul|ol|dl|figure|table)>")
RELATED = ".hg-related"  # lists of other pages (related news, village cards): not this page's text


def page_text(content: str) -> str:
    """Plain text of rendered content: inline elements joined, blocks on their own lines."""
    tree = LexborHTMLParser(_BLOCK_END.sub(lambda m: "\n" + m.group(), content))
    for node in tree.css(RELATED):
        node.decompose()
    text = tree.body.text(separator="") if tree.body else ""
    return re.sub(r"[ \t]*\n\s*", "\n", text).strip()


def village_doc(village: Village, content: Content, url: str, html: str) -> SearchDoc:
    return SearchDoc(
        url=url, title=village.name, kind="village", text=page_text(html),
        label=content.category(village.category).name,
        categories=[content.category(village.category).name], counties=[village.county],
    )


def article_doc(article: Article, content: Content, url: str, html: str) -> SearchDoc:
    villages = content.villages_named(article.villages)
    categories = list(article.categories) + [content.category(v.category).name for v in villages]
    # The page shows its tags and categories too (Material's post header).
    shown = " ".join(article.data.get("tags", []) + list(article.categories))
    return SearchDoc(
        url=url, title=article.title, kind="news", text=page_text(html) + ("\n" + shown if shown else ""),
        label="、".join(article.categories),
        categories=list(dict.fromkeys(categories)),
        counties=list(dict.fromkeys(v.county for v in villages)),
        date=f"{article.date:%Y-%m-%d}",
    )
