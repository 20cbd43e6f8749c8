"""Render the pages' templates in several processes (fork), the same files byte for byte.

MkDocs builds pages one at a time: after every page's markdown is converted
(and every plugin has seen it), each page's template is rendered and written
(``mkdocs.commands.build._build_page``). That second pass only reads what the
first made, so at its first page this module forks workers, each renders and
writes its share of the pages (every n-th page), and the parent does its own
share; the parent waits for them before ``on_post_build``. A worker's problem
is told by the parent, so a strict build still fails on it.

Only for `mkdocs build` on platforms with fork (not `serve`, whose preview
renders only what changed); elsewhere, and with one worker, nothing changes.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
import traceback

try:
    import fcntl
except ImportError:  # not on Windows, where there is no fork either
    fcntl = None

import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils

_original = mkdocs_build._build_page
_state: dict | None = None  # of the build in progress: workers wanted, pages assigned, children


def can_fork() -> bool:
    """Forking is safe only while this process has one thread (a child would inherit locks held by others)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def arm(workers: int) -> None:
    """Before the pages are rendered: use ``workers`` processes (1: as MkDocs does)."""
    global _state
    _state = {"workers": workers, "assigned": None, "children": []} if workers > 1 and can_fork() else None


def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
    state = _state
    if state is None:
        return _original(page, config, doc_files, nav, env, dirty, excluded)
    if state["assigned"] is None:
        _start(state, config, doc_files, nav, env, dirty)
    if state["assigned"].get(id(page), 0) == 0:
        return _original(page, config, doc_files, nav, env, dirty, excluded)
    return None  # a worker renders it


def _start(state: dict, config, doc_files, nav, env, dirty) -> None:
    pages = [file.page for file in doc_files if file.page is not None]
    workers = min(state["workers"], max(1, len(pages)))
    state["assigned"] = {id(page): index % workers for index, page in enumerate(pages)}
    for share in range(1, workers):
        mine = [f for f in doc_files if f.page is not None and state["assigned"].get(id(f.page)) == share]
        state["children"].append(forked(lambda write, mine=mine: _render_share(mine, config, doc_files, nav, env, dirty, write)))


def _render_share(mine, config, doc_files, nav, env, dirty, write: int) -> None:
    """In a worker: its pages' templates rendered and written, then what it logged (and the
    traceback that stopped it), as JSON."""
    told, failure = LogCapture(), None
    try:
        for file in mine:
            _original(file.page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())
    except BaseException:
        failure = traceback.format_exc()
        raise
    finally:
        write_all(write, json.dumps({"records": told.records, "failure": failure}).encode("utf-8"))


def forked(body, stream: bool = False) -> tuple[int, int]:
    """Fork a worker that runs ``body(write_fd)`` and exits, without running anything of the
    parent's; its MkDocs log handlers are removed (the parent tells what it found, once).
    Returns the worker's pid and the reading end of its pipe (a large one if ``stream``)."""
    read, write = os.pipe()
    if stream and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
        except OSError:
            pass  # the system's limit is lower: the default size works, a little slower
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        mkdocs_logger = logging.getLogger("mkdocs")
        for handler in list(mkdocs_logger.handlers):
            mkdocs_logger.removeHandler(handler)
        code = 0
        try:
            body(write)
        except BaseException:
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    return pid, read


class LogCapture(logging.Handler):
    """What a worker logs through MkDocs' logger, for the parent to log again (and count, in a
    strict build): each record's logger, level and message."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[tuple[str, int, str]] = []
        logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def tell(records: list[tuple[str, int, str]]) -> None:
    """In the parent: a worker's records, logged as if here."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def abandon() -> None:
    """A build failed: its workers (which stop after their share) are waited for, unheard."""
    global _state
    state, _state = _state, None
    for pid, read in (state or {}).get("children", []):
        os.close(read)
        os.waitpid(pid, 0)
    wait_for_emptying()


def join() -> None:
    """Wait for the workers and log what they logged; a failed worker stops the build."""
    global _state
    state, _state = _state, None
    wait_for_emptying()
    failed = []
    for pid, read in (state or {}).get("children", []):
        with os.fdopen(read, "rb") as pipe:
            raw = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        told = json.loads(raw or '{"records": [], "failure": null}')
        tell(told["records"])
        if told["failure"] or status != 0:
            failed.append(told["failure"] or f"worker {pid} stopped with status {status}")
    if failed:
        raise RuntimeError("rendering pages in a worker failed:\n" + "\n".join(failed))


_EMPTYING = ".hg-emptying-"  # site/'s old entries, being deleted (hidden: MkDocs' cleaning keeps such)
_emptiers: list[int] = []
_original_clean = mkdocs_utils.clean_directory


def _clean_directory(directory: str) -> None:
    """MkDocs empties site/ before building, one file at a time. Here its entries are moved into
    a hidden folder in it (a rename each) and a forked child deletes that folder while the build
    goes on; the build waits for it before it ends (``join``), so the site it leaves is clean."""
    if not os.path.isdir(directory) or not can_fork():
        return _original_clean(directory)
    aside = os.path.join(directory, f"{_EMPTYING}{os.getpid()}")
    try:
        os.makedirs(aside, exist_ok=True)
        for entry in os.listdir(directory):
            if not entry.startswith("."):
                os.rename(os.path.join(directory, entry), os.path.join(aside, entry))
    except OSError:  # what could not be moved is deleted in place, with what was
        shutil.rmtree(aside, ignore_errors=True)
        return _original_clean(directory)
    left = [os.path.join(directory, e) for e in os.listdir(directory) if e.startswith(_EMPTYING)]
    pid = os.fork()
    if pid == 0:
        for path in left:  # this one, and any a killed build left behind
            shutil.rmtree(path, ignore_errors=True)
        os._exit(0)
    _emptiers.append(pid)


def wait_for_emptying() -> None:
    while _emptiers:
        os.waitpid(_emptiers.pop(), 0)


mkdocs_build._build_page = _build_page  # installed once; does nothing unless armed for a build
mkdocs_utils.clean_directory = _clean_directory
