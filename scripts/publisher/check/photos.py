"""Village photos checked by their header, without decoding: what would fail, and photos listed twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..content.model import Content
from ..findings import Finding
from ..images.photos import entry_finding
from ..images.process import PhotoError, inspect, read_source
from ..images.settings import ImageSettings


def check_photos(content: Content) -> tuple[list[Finding], set[Path]]:
    """The findings, and the photo files that would not be published."""
    findings, failed = [], set()
    settings = ImageSettings()
    for village in content.villages:
        seen: dict[str, str] = {}
        for entry in village.photos:
            try:
                data = read_source(entry.path)
                inspect(data, settings)
            except PhotoError as error:
                findings.append(entry_finding(village.source, entry, str(error)))
                failed.add(entry.path)
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                findings.append(Finding(
                    village.source, entry.line, entry.field,
                    f"与 {seen[digest]} 是同一张照片（内容相同）；请删去重复的一项",
                ))
            seen.setdefault(digest, entry.shown)
    return findings, failed
