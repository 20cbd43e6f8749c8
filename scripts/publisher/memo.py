"""Results computed from one file, kept while the file and the other inputs stay the same.

The preview rebuilds in one long-running process (`mkdocs serve --dirty`):
reading and validating a thousand village profiles and two thousand articles
again after each edit costs more than the edit. A ``FileMemo`` keeps, per
file, the last result with the file's modification time and size and the
other inputs it was computed from; anything else computes as usual.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


def stamp(path: str | Path | None) -> tuple[int, int] | None:
    """A file's modification time and size; None when there is no such file."""
    try:
        status = os.stat(path)
    except (OSError, TypeError):
        return None
    return status.st_mtime_ns, status.st_size


class FileMemo:
    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple, object]] = {}

    def get(self, path: Path, inputs: Hashable, compute: Callable[[], T]) -> T:
        now = stamp(path)
        if now is None:
            return compute()  # a missing file says so itself
        key = (now, inputs)
        last = self._last.get(str(path))
        if last is not None and last[0] == key:
            return last[1]  # type: ignore[return-value]
        result = compute()
        self._last[str(path)] = (key, result)
        return result

    def clear(self) -> None:
        self._last.clear()
