"""Village photos: checked by their header without decoding (for ``check``), and photos listed twice."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from ..content.model import Content, Village
from ..findings import Finding
from ..images.photos import entry_finding
from ..images.process import PhotoError, inspect, read_source
from ..images.settings import ImageSettings


def check_photos(content: Content) -> tuple[list[Finding], dict[Path, str]]:
    """The findings, and a content key of each photo file that would be published."""
    findings, keys = [], {}
    settings = ImageSettings()
    for village in content.villages:
        for entry in village.photos:
            if entry.path in keys:
                continue
            try:
                data = read_source(entry.path)
                inspect(data, settings)
            except PhotoError as error:
                findings.append(entry_finding(village.source, entry, str(error)))
                continue
            keys[entry.path] = hashlib.sha256(data).hexdigest()
    return findings, keys


def duplicate_photos(villages: Iterable[Village], keys: dict[Path, str]) -> list[Finding]:
    """A photo a village lists twice (the same file, or the same content): the second entry is a mistake.

    ``keys``: each photo file's content key (the build: the pipeline's; ``check``: a hash).
    The build then leaves the second entry out (``drop_duplicate_photos``).
    """
    findings = []
    for village in villages:
        seen: dict[str, str] = {}
        for entry in village.photos:
            key = keys.get(entry.path)
            if key is None:
                continue
            if key in seen and seen[key] != entry.shown:  # the same file twice: told by content.entries
                findings.append(Finding(
                    village.source, entry.line, entry.field,
                    f"这张照片重复了（与 {seen[key]} 内容相同）；请删去重复的一项（{entry.shown}）",
                ))
            seen.setdefault(key, entry.shown)
    return findings


def drop_duplicate_photos(villages: Iterable[Village], keys: dict[Path, str]) -> None:
    """Keep the first entry of each photo only."""
    for village in villages:
        seen, kept = set(), []
        for entry in village.photos:
            key = keys.get(entry.path, entry.path)
            if key not in seen:
                kept.append(entry)
            seen.add(key)
        village.photos = kept
