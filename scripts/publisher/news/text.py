"""Text rules of articles: reading time for Chinese, and where the list excerpt ends."""

from __future__ import annotations

import re

from ..text import HAN

EXCERPT_SEPARATOR = "<!-- more -->"
CHARACTERS_PER_MINUTE = 400  # Chinese reading speed; words counted for other text
_HAN_CHAR = re.compile(f"[{HAN}]")


def reading_minutes(text: str) -> int:
    """Minutes to read ``text``: Han characters at 400 a minute, other words at 265."""
    han = len(_HAN_CHAR.findall(text))
    words = len(re.findall(r"[A-Za-z0-9]+", text))
    return max(1, round(han / CHARACTERS_PER_MINUTE + words / 265))


def with_excerpt_separator(markdown: str) -> str:
    """Mark the first paragraph as the excerpt, unless the editor chose one."""
    if EXCERPT_SEPARATOR in markdown:
        return markdown
    blocks = re.split(r"\n\s*\n", markdown.strip(), maxsplit=0)
    for index, block in enumerate(blocks):
        if block.strip() and not block.lstrip().startswith(("#", "!", "<", "|", "-", "*", ">")):
            return "\n\n".join(blocks[: index + 1] + [EXCERPT_SEPARATOR] + blocks[index + 1:]) + "\n"
    return markdown
