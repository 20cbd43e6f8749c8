"""Our HTML blocks kept out of Python-Markdown, which would only parse them to pass them through.

Generated pages are markdown (headings for the table of contents, the village's
story) around HTML blocks that our fragments render: facts, figures, photos,
cards, the map. Python-Markdown's raw-HTML step parses every such block with
``html.parser`` only to put it back unchanged; for a village page that is most
of its conversion. So before conversion each of our blocks is replaced by a
comment naming it (a raw block Python-Markdown keeps as it is), and after
conversion the comment is replaced by the block.

Held: a blank-line-separated block of a generated page that starts with a
block-level tag and ends with its closing tag, has no ``markdown`` attribute
(those blocks hold markdown), and is not part of what an editor wrote (a
village's story is converted as written); and the village cards appended to an
article. ``PUBLISHER_FAST=0`` holds nothing: the reference the tests compare with.
"""

from __future__ import annotations

import re
import secrets

# Python-Markdown's block-level tags that our fragments start with.
_BLOCK = re.compile(r"^<(div|section|figure|table|ul|ol|dl|nav|p|aside|details|svg|form|header|footer)[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown(?:=|[\s>])")
# A comment no editor writes: a random word per process (workers fork with it).
_WORD = secrets.token_hex(6)
_MARK = re.compile(rf"<!--hg-held-{_WORD}:(\d+)-->")


class HeldHtml:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._blocks: dict[str, list[str]] = {}  # by page source path

    def hold(self, src_uri: str, markdown: str, written: str = "") -> str:
        """``markdown`` of ours on a page (a generated page, an article's village cards) with our
        blocks held; ``written``: the editor's text on it, never held."""
        if not self.enabled:
            return markdown
        return "\n\n".join(self._held(src_uri, part, written) for part in markdown.split("\n\n"))

    def _held(self, src_uri: str, part: str, written: str) -> str:
        block = part.rstrip()  # the whitespace after a block stays in the markdown, as before
        return self._mark(src_uri, block) + part[len(block):] if self._ours(block, written) else part

    def restore(self, src_uri: str, html: str) -> str:
        blocks = self._blocks.get(src_uri)
        if not blocks:
            return html
        return _MARK.sub(lambda match: blocks[int(match.group(1))], html)

    def _mark(self, src_uri: str, block: str) -> str:
        blocks = self._blocks.setdefault(src_uri, [])
        blocks.append(block)
        return f"<!--hg-held-{_WORD}:{len(blocks) - 1}-->"

    @staticmethod
    def _ours(block: str, written: str) -> bool:
        match = _BLOCK.match(block)
        return (
            match is not None
            and block.endswith(f"</{match.group(1)}>")
            and not _MARKDOWN_ATTRIBUTE.search(block)  # nor one inside it
            and (not written or block not in written)
        )
