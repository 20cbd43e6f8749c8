"""How text becomes search tokens, identically at build time and in the browser.

Chinese is not segmented into words: a segmenter at build time and another in
the browser split differently and then miss pages. Instead every Han character
is a token, and so is every pair of neighbouring characters (the overlapping
bigrams of Lucene's CJK analyzer); latin letters and digits form words, and a
word next to a Han character forms a pair with it too (``1.2亿``). A query is cut
the same way and a page matches when it has all the query's tokens, so a page
containing the query text is always found. ``overrides/assets/javascripts/
hg-search.js`` implements the same rules; change both together.
"""

from __future__ import annotations

import re
from operator import add

from ..text import HAN

RUN = re.compile(f"[{HAN}]+|[a-z0-9]+(?:\\.[0-9]+)*")

# Length-preserving folding: fullwidth ASCII to ASCII, A-Z to a-z. Positions in
# the folded text are positions in the original, for highlighting.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # fullwidth ! to ~
_FOLD[0x3000] = 0x20  # ideographic space
for _upper in range(ord("A"), ord("Z") + 1):
    _FOLD[_upper] = _upper + 32
for _upper in range(0xFF21, 0xFF3B):  # fullwidth A to Z
    _FOLD[_upper] = _upper - 0xFEE0 + 32


def fold(text: str) -> str:
    return text.translate(_FOLD)


_HAN_CHAR = re.compile(f"[{HAN}]")


def _is_han(char: str) -> bool:
    return _HAN_CHAR.match(char) is not None


def index_tokens(text: str) -> set[str]:
    """Every token of ``text``: Han characters and pairs, words, word-Han pairs."""
    tokens: set[str] = set()
    previous_end, previous_last = -1, ""
    for match in RUN.finditer(fold(text)):
        run = match.group()
        if _is_han(run[0]):
            tokens.update(run)
            tokens.update(map(add, run, run[1:]))
            first, last = run[0], run[-1]
        else:
            tokens.add(run)
            first = last = run
        if match.start() == previous_end:
            tokens.add(previous_last + first)
        previous_end, previous_last = match.end(), last
    return tokens


def query_parts(query: str) -> list[str]:
    """The folded pieces of a query that a matching page must contain, in order."""
    parts, current, previous_end = [], "", -1
    folded = fold(query)
    for match in RUN.finditer(folded):
        if match.start() != previous_end and current:
            parts.append(current)
            current = ""
        current += match.group()
        previous_end = match.end()
    if current:
        parts.append(current)
    return parts


def query_tokens(part: str) -> list[str]:
    """Tokens that a page containing ``part`` (one of ``query_parts``) has."""
    units: list[str] = []
    for match in RUN.finditer(part):
        run = match.group()
        units.extend(run if _is_han(run[0]) else [run])
    if len(units) == 1:
        return units
    return [a + b for a, b in zip(units, units[1:])]


def shard_of(token: str, shards: int) -> int:
    """FNV-1a over the token's UTF-16 code units (all tokens are in the BMP)."""
    value = 0x811C9DC5
    for char in token:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % shards
