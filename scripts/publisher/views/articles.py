"""An article as the engine renders it: its cover image, the excerpt's end, the village cards after it.

Pure: the editor's markdown in, the page's markdown out; and from the rendered
HTML, what the page header shows (reading time for Chinese, a description).
"""

from __future__ import annotations

import html

from selectolax.lexbor import LexborHTMLParser

from ..news.articles import Article
from ..news.text import reading_minutes, with_excerpt_separator
from .markup import markdown_text


def article_markdown(markdown: str, article: Article, village_cards: str) -> str:
    """The cover after the title (as a processed picture later), the excerpt marked, the cards appended."""
    if article.cover:
        cover = article.cover
        title = f' "{html.escape(cover["caption"])}"' if cover.get("caption") else ""
        image = f"![{markdown_text(cover['alt'])}]({cover['file']}{title})"
        heading, _, body = markdown.lstrip().partition("\n")
        markdown = f"{heading}\n\n{image}\n\n{body}" if heading.startswith("# ") else f"{image}\n\n{markdown}"
    markdown = with_excerpt_separator(markdown)
    return markdown.rstrip() + ("\n\n" + village_cards + "\n" if village_cards else "\n")


def article_header(content: str, description: str | None) -> tuple[int, str]:
    """Reading minutes of the rendered article, and its description, HTML-escaped
    (Material prints it unescaped): the editor's, or the first paragraph's text."""
    tree = LexborHTMLParser(content or "<p></p>")
    if not description:
        first = tree.css_first("p")
        description = first.text(strip=True)[:120] if first else ""
    return reading_minutes(tree.text(separator=" ")), html.escape(description)
