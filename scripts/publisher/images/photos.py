"""Connect village photo entries to the photo pipeline: which files to process, what a failed photo tells the editor."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..content.model import PhotoEntry, Village
from ..findings import Finding
from .pipeline import Report

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif"}


def village_photo_files(villages: Iterable[Village]) -> list[Path]:
    return [entry.path for village in villages for entry in village.photos]


def drop_failed_photos(villages: Iterable[Village], report: Report) -> list[Finding]:
    """Remove photos the pipeline refused from their villages; say why, where they are listed."""
    findings = []
    for village in villages:
        kept = []
        for entry in village.photos:
            error = report.errors.get(entry.path)
            if error is None:
                kept.append(entry)
            else:
                findings.append(entry_finding(village.source, entry, error))
        village.photos = kept
    return findings


def entry_finding(source: str, entry: PhotoEntry, error: str) -> Finding:
    """A photo of a village that cannot be published, told where it is listed."""
    return Finding(source, entry.line, entry.field, f"{error}（{entry.shown}）")
