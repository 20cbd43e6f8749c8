"""Process many photos on all cores, through a content-addressed cache.

A derivative is named ``{key}-{width}.{fmt}``, where ``key`` hashes the
source bytes and the output-affecting settings: a cache hit is "the files
exist", a changed photo gets a new key and is processed alone, and pruning
removes what no photo of the current build uses.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..memo import stamp
from .process import PhotoError, SourceInfo, derivative_size, inspect, read_source, render
from .settings import ImageSettings

KEY_LENGTH = 16


@dataclass(frozen=True)
class Derivative:
    width: int
    height: int
    files: dict[str, str]  # format -> file name in the cache


@dataclass(frozen=True)
class Photo:
    """A processed photo: its sizes, largest last."""

    source: Path
    key: str
    width: int
    height: int
    derivatives: tuple[Derivative, ...]

    @property
    def largest(self) -> Derivative:
        return self.derivatives[-1]

    @property
    def fallback(self) -> Derivative:
        """The one size that also has a JPEG, for browsers and apps without WebP."""
        return next(d for d in self.derivatives if "jpg" in d.files)

    def files(self) -> list[str]:
        return [name for d in self.derivatives for name in d.files.values()]


@dataclass
class Report:
    photos: dict[Path, Photo] = field(default_factory=dict)
    errors: dict[Path, str] = field(default_factory=dict)
    processed: int = 0
    cached: int = 0
    seconds: float = 0.0

    def files(self) -> set[str]:
        """Every derivative of every photo: what the site publishes and the cache keeps."""
        return {name for photo in self.photos.values() for name in photo.files()}


class ImageCache:
    def __init__(self, directory: Path):
        self.directory = directory

    def path(self, name: str) -> Path:
        return self.directory / name

    def has(self, names: list[str]) -> bool:
        return all(self.path(name).is_file() for name in names)

    def write(self, name: str, data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.path(f".{name}.{os.getpid()}-{threading.get_ident()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(self.path(name))  # atomic: a crash never leaves half a file

    def prune(self, keep: set[str]) -> int:
        """Remove derivatives no current photo uses; return how many."""
        if not self.directory.is_dir():
            return 0
        removed = 0
        for entry in self.directory.iterdir():
            if entry.is_file() and entry.name not in keep:
                entry.unlink()
                removed += 1
        return removed


def photo_key(data: bytes, settings: ImageSettings) -> str:
    digest = hashlib.sha256(settings.fingerprint().encode())
    digest.update(data)
    return digest.hexdigest()[:KEY_LENGTH]


def plan(source: Path, key: str, info: SourceInfo, settings: ImageSettings) -> Photo:
    """Names and sizes of a photo's derivatives, without making them."""
    widths = settings.widths_for(info.width)
    # One JPEG, for browsers without WebP: the largest width up to fallback_width.
    fallback = max((w for w in widths if w <= settings.fallback_width), default=widths[0])
    derivatives = tuple(
        Derivative(
            *derivative_size(info, width),
            {fmt: f"{key}-{width}.{fmt}" for fmt in (("webp", "jpg") if width == fallback else ("webp",))},
        )
        for width in widths
    )
    return Photo(source, key, info.width, info.height, derivatives)


def process_one(source: Path, settings: ImageSettings, cache: ImageCache) -> tuple[Photo, bool]:
    """Return the photo and whether it was encoded now (False: cache hit)."""
    data = read_source(source)
    info = inspect(data, settings)
    photo = plan(source, photo_key(data, settings), info, settings)
    if cache.has(photo.files()):
        return photo, False
    outputs = {d.width: tuple(d.files) for d in photo.derivatives}
    for (width, fmt), encoded in render(data, info, outputs, settings).items():
        cache.write(f"{photo.key}-{width}.{fmt}", encoded)
    return photo, True


def process_photos(
    sources: list[Path], settings: ImageSettings, cache: ImageCache, workers: int | None = None,
    known: dict[tuple, Photo] | None = None,
) -> Report:
    """Process every distinct source; a bad photo is an error entry, never an exception.

    ``known``: photos of earlier runs in this process by file, time and size
    (the preview's rebuilds): such a photo is not even read again.
    """
    report = Report()
    started = time.perf_counter()
    unique = order = list(dict.fromkeys(sources))
    workers = workers or os.cpu_count() or 1
    fingerprint = settings.fingerprint()
    keys: dict[Path, tuple] = {}
    if known is not None:
        for source in unique:
            now = stamp(source)
            if now is not None:  # else the job says what is wrong with it
                keys[source] = (source, now, fingerprint)
        for source, key in keys.items():
            if key in known and cache.has(known[key].files()):
                report.photos[source] = known[key]
                report.cached += 1
        unique = [source for source in unique if source not in report.photos]

    def job(source: Path):
        try:
            photo, encoded = process_one(source, settings, cache)
            if source in keys:
                known[keys[source]] = photo
            return source, (photo, encoded), None
        except PhotoError as error:
            return source, None, str(error)
        except OSError as error:  # unreadable file, full disk: still no traceback
            return source, None, f"无法读取或写入：{error.strerror or error}"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for source, result, error in pool.map(job, unique):
            if error is not None:
                report.errors[source] = error
                continue
            photo, encoded = result
            report.photos[source] = photo
            if encoded:
                report.processed += 1
            else:
                report.cached += 1
    report.photos = {source: report.photos[source] for source in order if source in report.photos}
    report.seconds = time.perf_counter() - started
    return report
