"""Convert pages' markdown ahead in forked workers; MkDocs takes the result instead of converting again.

MkDocs reads and converts the pages one at a time (``_populate_page``): the
plugins' ``on_page_markdown``, Python-Markdown, then ``on_page_content``.
Plugins keep state across pages (the blog's excerpts, the feeds, our search
documents), so the parent still runs every event for every page, in order, and
only the costly middle step moves: at the first page, workers fork; each takes
its share of the pages, runs ``on_pre_page``, ``read_source`` and
``on_page_markdown`` on its own copy of everything, converts, and streams back
what ``Page.render`` sets. When the parent reaches such a page it has run the
same events itself, and it takes the worker's result only if the markdown it
has now is the one the worker converted (by digest); otherwise it converts the
page itself. What the conversion logged in the worker (MkDocs' link checks) is
logged by the parent when it takes the result, so strict builds count it.

Only for `mkdocs build` on platforms with fork, from a single-threaded process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import select
import signal
import struct

import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from .parallel import LogCapture, can_fork, forked, tell, write_all

_original_populate = mkdocs_build._populate_page
_original_render = Page.render
_ahead: _Ahead | None = None
_FRAME = struct.Struct("<Q")
WORKER_WEIGHT = 3  # pages a worker converts for each the parent converts (measured: the parent waits least)


def arm(workers: int) -> None:
    """Before the pages are read: convert their markdown in ``workers`` processes (1: as MkDocs does)."""
    global _ahead
    _ahead = _Ahead(workers) if workers > 1 else None


def finish() -> None:
    """After the last page was read: the workers are done (they stop after their share)."""
    global _ahead
    ahead, _ahead = _ahead, None
    if ahead is not None:
        ahead.close()


def abandon() -> None:
    """A build failed before its pages were all read: the workers are stopped, not waited for."""
    global _ahead
    ahead, _ahead = _ahead, None
    for child in (ahead.children.values() if ahead is not None else ()):
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.close()


def _digest(markdown: str | None) -> bytes:
    return hashlib.blake2b((markdown or "").encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _owner(slot: int, workers: int, weight: int = WORKER_WEIGHT) -> int:
    """0 for the parent, which also runs every page's events: of each 1 + weight * (workers - 1)
    pages it converts one, each worker ``weight``."""
    position = slot % (1 + weight * (workers - 1))
    return 0 if position == 0 else (position - 1) // weight + 1


class _Ahead:
    def __init__(self, workers: int):
        self.workers = workers
        self.started = False
        self.children: dict[int, _Child] = {}  # by share
        self.share_of: dict[str, int] = {}  # src_uri -> share of the worker converting it

    def start(self, config, files) -> None:
        self.started = True
        if not can_fork():
            return
        doc_files = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        self.share_of = {f.src_uri: _owner(slot, self.workers) for slot, f in enumerate(doc_files)}
        for share in range(1, self.workers):
            mine = [f for f in doc_files if self.share_of[f.src_uri] == share]
            pid, read = forked(lambda write, mine=mine: _convert_share(mine, config, files, write), stream=True)
            self.children[share] = _Child(pid, read)

    def take(self, src_uri: str) -> tuple | None:
        child = self.children.get(self.share_of.get(src_uri, 0))
        for other in self.children.values():
            other.drain()  # keeps every worker's pipe flowing
        return child.wait_for(src_uri) if child is not None else None

    def close(self) -> None:
        for child in self.children.values():
            child.close()


class _Child:
    """A worker's stream of converted pages, read without blocking until one is needed."""

    def __init__(self, pid: int, read: int):
        self.pid, self.read, self.buffer, self.results, self.done = pid, read, bytearray(), {}, False
        os.set_blocking(read, False)

    def drain(self) -> None:
        while not self.done:
            try:
                chunk = os.read(self.read, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                self.done = True
                break
            self.buffer += chunk
        while len(self.buffer) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self.buffer)
            if len(self.buffer) < _FRAME.size + size:
                break
            result = pickle.loads(self.buffer[_FRAME.size:_FRAME.size + size])
            del self.buffer[:_FRAME.size + size]
            self.results[result[0]] = result

    def wait_for(self, src_uri: str) -> tuple | None:
        while src_uri not in self.results and not self.done:
            select.select([self.read], [], [])
            self.drain()
        return self.results.pop(src_uri, None)

    def close(self) -> None:
        os.close(self.read)
        os.waitpid(self.pid, 0)


def _convert_share(doc_files, config, files, write: int) -> None:
    """In a worker: each page of its share through the events before conversion, converted, sent."""
    capture = LogCapture()
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)  # as MkDocs' build loop does for pages outside the navigation
        page = file.page
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            capture.records = []
            _original_render(page, config, files)
        except Exception:
            continue  # the parent converts this page itself, and tells what went wrong
        finally:
            config._current_page = None
        links = page.links_to_anchors
        result = (file.src_uri, _digest(page.markdown), page.content, page.toc, page._title_from_render,
                  page.present_anchor_ids, None if links is None else {f.src_uri: v for f, v in links.items()},
                  capture.records)
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        write_all(write, _FRAME.pack(len(data)) + data)


def _populate_page(page, config, files, dirty=False):
    if _ahead is not None and not _ahead.started:
        _ahead.start(config, files)
    return _original_populate(page, config, files, dirty)


def _render(self: Page, config, files) -> None:
    result = _ahead.take(self.file.src_uri) if _ahead is not None and _ahead.children else None
    if result is None or result[1] != _digest(self.markdown):
        return _original_render(self, config, files)
    _, _, self.content, self.toc, self._title_from_render, self.present_anchor_ids, links, records = result
    if links is not None:
        self.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
    tell(records)


mkdocs_build._populate_page = _populate_page  # installed once; do nothing unless armed for a build
Page.render = _render
