"""When and where the search index is written: beside the page rendering, never in its way.

Every page's text is collected while pages are converted, before the engine
writes them. Then the index is written:
- in a forked process (a bare fork: no pool thread stays behind) while the engine
  writes the pages, when this process is
  single-threaded (a forked child could inherit a lock held by another thread);
- in a spawned background process that nobody waits for, in the preview (the
  page first, the index after; a rebuild does not wait for the last one's index
  either; the process leaves with the preview);
- here and now otherwise (Windows, macOS, `serve` without the preview).
"""

from __future__ import annotations

import multiprocessing
import os
import site
import threading
import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from pathlib import Path

from .index import SearchDoc, write_index

_background: ProcessPoolExecutor | None = None  # one per process, across the preview's rebuilds
_pending: list[Future] = []  # submitted, in order


class IndexWriter:
    def __init__(self) -> None:
        self._child: tuple[int, int] | None = None  # a forked writer: its pid and the pipe it reports on
        self.files: int | None = None  # written; None: still being written in the background

    def start(self, folder: Path, docs: list[SearchDoc], category_order: list[str], background: bool) -> None:
        arguments = (folder, docs, category_order)
        if background:
            in_background(write_index, *arguments)
        elif hasattr(os, "fork") and threading.active_count() == 1:
            # A bare fork, no thread of a pool in this process: the page workers fork after it.
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                try:
                    report = str(write_index(*arguments)).encode()
                except BaseException as error:  # told by the parent in finish()
                    report = f"error {type(error).__name__}: {error}".encode("utf-8", "replace")
                os.write(write, report)
                os._exit(0)
            os.close(write)
            self._child = (pid, read)
        else:
            self.files = write_index(*arguments)

    def finish(self) -> int | None:
        """How many files were written (None: in the background); a job's error is raised here."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with os.fdopen(read, "rb") as pipe:
                report = pipe.read().decode("utf-8", "replace")
            os.waitpid(pid, 0)
            if not report.isdigit():
                raise RuntimeError(f"writing the search index failed: {report or 'the writer stopped'}")
            self.files = int(report)
        return self.files


def in_background(function, *arguments) -> None:
    """Run ``function`` in another process (spawned: `serve` has threads) without waiting, not
    even for the previous run: the jobs run in order, and one not started yet is superseded."""
    global _background
    _collect()
    if _background is None:
        # The new process finds this package where the engine found it for the hooks.
        scripts = str(Path(__file__).resolve().parent.parent.parent)
        _background = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=site.addsitedir, initargs=(scripts,),
        )
    for job in _pending:
        job.cancel()  # only a job that has not started can be, and its index would be overwritten anyway
    _pending.append(_background.submit(_run_in_worker, os.getpid(), function, *arguments))


def _collect() -> None:
    """Forget the finished jobs; the error of one is raised here (the next rebuild tells it)."""
    for job in [job for job in _pending if job.done()]:
        _pending.remove(job)
        if not job.cancelled():
            job.result()


def settle() -> object:
    """Wait for the background jobs; the last one's result (or an error, raised here)."""
    result = None
    while _pending:
        job = _pending.pop(0)
        if not job.cancelled():
            try:
                result = job.result()
            except CancelledError:
                pass
    return result


_watching = False


def _run_in_worker(parent: int, function, *arguments):
    """In the worker: leave when the preview does, even when it is killed without cleaning up."""
    global _watching
    if not _watching:
        _watching = True
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    return function(*arguments)


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
