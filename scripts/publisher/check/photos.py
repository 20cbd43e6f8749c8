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


def drop_duplicate_photos(villages: Iterable[Village], keys: dict[Path, str]) -> list[Finding]:
    """A photo a village lists twice is shown once: the later entries are left out, and one that
    is another file with the same content is told (the same file twice is told by content.entries).

    ``keys``: each photo file's content key (the build: the pipeline's; ``check``: a hash).
    """
    findings = []
    for village in villages:
        seen: dict[str, str] = {}
        kept = []
        for entry in village.photos:
            key = keys.get(entry.path, entry.path)
            if key not in seen:
                seen[key] = entry.shown
                kept.append(entry)
            elif seen[key] != entry.shown:
                findings.append(Finding(
                    village.source, entry.line, entry.field,
                    f"这张照片重复了（与 {seen[key]} 内容相同）；请删去重复的一项（{entry.shown}）",
                ))
        village.photos = kept
    return findings
