"""Partial rebuilds for the preview: `mkdocs serve --dirty` (`dev.py serve`).

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its
output. That is wrong both ways here: generated pages have no source file, so
all of them would be rebuilt every time, and an article's page also depends
on the villages it names. And pages it skips are not read, so anything made
from every page (the news lists, the feeds, the search index) would come out
partial.

So under ``--dirty`` each page gets a fingerprint of what it is made from (a
generated page: its markdown; an article: its file and the villages it names;
the news lists: every article), and the page is rebuilt when its fingerprint
changed since the last build of this process, when its output is missing, or
when it is in the navigation (its title is shown on other pages). The news
lists and feeds are rebuilt only when an article changed. Anything else that
changed (configuration, templates, styles, categories, campaign figures, an
article's image) rebuilds everything. Pages that disappeared lose their
output; search documents of skipped pages are kept from the last build, and
the index is written in a background process. Village profiles, articles and
photos already read in this process are reused while their files are unchanged.

A plain `mkdocs build` (no ``--dirty``) never takes this path; the first build
of a process always renders everything.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import site
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from mkdocs.structure.files import File, Files

from .memo import FileMemo, stamp

log = logging.getLogger("mkdocs.plugins.publisher")


@dataclass
class Snapshot:
    """What the last build in this process was made from, for one site folder."""

    inputs: str = ""
    blog: str = ""
    pages: dict[str, object] = field(default_factory=dict)  # src_uri -> fingerprint
    outputs: dict[str, str] = field(default_factory=dict)  # src_uri -> output file
    search: dict[str, object] = field(default_factory=dict)  # src_uri -> search document


_dirty = False  # set once by on_startup; the rebuilds of `serve` get no on_startup
_snapshots: dict[str, Snapshot] = {}  # by site folder, across the rebuilds of one `serve`
photos: dict[tuple, object] = {}  # processed photos by file, time and size (images.pipeline)
files = FileMemo()  # village profiles and articles read and checked (content, news)
_writer: ProcessPoolExecutor | None = None  # writes the search index beside the server
_pending: Future | None = None


class _AccurateDirtyBuild(logging.Filter):
    """MkDocs warns that a dirty build has inaccurate navigation; this one has not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_filter = _AccurateDirtyBuild()


def start(command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty
    _snapshots.clear()
    photos.clear()
    files.clear()
    builder = logging.getLogger("mkdocs.commands.build")
    if dirty and command == "serve":
        builder.addFilter(_filter)
    else:
        builder.removeFilter(_filter)


def active() -> bool:
    return _dirty


def digest(*parts: object) -> str:
    hasher = hashlib.sha1()
    for part in parts:
        hasher.update(str(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def tree_stat(paths: Iterable[str | Path]) -> str:
    """A fingerprint of files and every file under folders, by name, time and size."""
    entries = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, _, names in os.walk(path):
                entries += [(os.path.join(root, n), stamp(os.path.join(root, n))) for n in names]
        else:
            entries.append((str(path), stamp(path)))
    return digest(*sorted(entries))


def in_background(function, *arguments) -> None:
    """Run ``function`` in another process (spawned: `serve` has threads) without waiting.

    The preview shows an edited page as soon as its HTML is written; the search
    index (seconds of work at province scale) follows on the other core.
    """
    global _writer, _pending
    settle()
    if _writer is None:
        # The new process finds this package where MkDocs found it for the hooks.
        scripts = str(Path(__file__).resolve().parent.parent)
        _writer = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=site.addsitedir, initargs=(scripts,),
        )
    _pending = _writer.submit(_run_in_worker, os.getpid(), function, *arguments)


def _run_in_worker(parent: int, function, *arguments):
    """In the worker: leave when the preview does, even when it is killed without cleaning up."""
    global _watching
    if not _watching:
        _watching = True
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    return function(*arguments)


_watching = False


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def settle() -> object:
    """Wait for the background job; its result (or its error, raised here)."""
    global _pending
    job, _pending = _pending, None
    return job.result() if job is not None else None


class Plan:
    """Which pages this build renders; made after all files are known (on_nav)."""

    def __init__(self, site_dir: str):
        self.site_dir = site_dir
        self.previous = _snapshots.get(site_dir)
        self.current = Snapshot()
        self.partial = False
        self.blog_changed = True
        self.rebuilt: set[str] = set()

    def decide(self, files: Files, pages: dict[str, object], nav_uris: set[str], blog_uris: set[str],
               inputs: str, blog: str) -> None:
        """``pages``: src_uri -> fingerprint of every page; mark each file modified or not."""
        self.current.inputs, self.current.blog, self.current.pages = inputs, blog, pages
        previous = self.previous
        self.partial = previous is not None and previous.inputs == inputs
        self.blog_changed = not self.partial or previous.blog != blog
        for file in every_page(files):
            uri = file.src_uri
            self.current.outputs[uri] = file.abs_dest_path
            if self.partial:
                modified = (
                    previous.pages.get(uri) != pages.get(uri)
                    or not os.path.exists(file.abs_dest_path)
                    or (uri in blog_uris and self.blog_changed)
                    or (uri in nav_uris and uri not in blog_uris)
                )
            else:
                modified = True
            _set_modified(file, modified)
            if modified:
                self.rebuilt.add(uri)
        if self.partial:
            self._remove_gone()
            log.info(f"预览：重新生成 {len(self.rebuilt)} 个页面，其余 {len(pages) - len(self.rebuilt)} 个未变")

    def search_docs(self, fresh: dict[str, object]) -> list[object]:
        """This build's search documents, those of skipped pages kept from the last build."""
        kept = self.previous.search if self.partial else {}
        # In page order, as a full build has them.
        merged = {
            uri: fresh[uri] if uri in fresh else kept[uri]
            for uri in self.current.pages
            if uri in fresh or (uri in kept and uri not in self.rebuilt)
        }
        self.current.search = merged
        return list(merged.values())

    def finish(self) -> None:
        """The build succeeded: the next one compares with this one."""
        _snapshots[self.site_dir] = self.current

    def _remove_gone(self) -> None:
        for uri, output in self.previous.outputs.items():
            if uri not in self.current.outputs and os.path.isfile(output):
                os.remove(output)


def every_page(files: Files) -> list[File]:
    """All pages, also those the blog plugin hides until its on_nav, which runs after ours."""
    return files.documentation_pages(inclusion=lambda level: True)


def _set_modified(file: File, modified: bool) -> None:
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]
