"""A village's ``photos:`` list: which entries can be looked for, and why the others cannot."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..findings import Finding
from .model import PhotoEntry
from .yamlsource import YamlDocument


def photo_entries(
    doc: YamlDocument, folder: Path, skip: set[int] = frozenset()
) -> tuple[list[PhotoEntry], list[Finding]]:
    """The listed photos that can be looked for, cover first; findings for the rest.

    ``skip``: indexes of entries that already failed the schema check.
    """
    items = doc.data.get("photos", [])
    home = doc.path.rsplit("/", 1)[0] + "/photos/"  # as editors see it
    entries: list[PhotoEntry] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    cover: PhotoEntry | None = None
    for index, item in enumerate(items):
        if index in skip:
            continue
        field_name = f"photos[{index + 1}].file"
        line = doc.line_of(("photos", index, "file"))
        name = item["file"]
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            problems.append(Finding(
                doc.path, line, field_name,
                f"“{name}”指向了本村照片文件夹以外；请把照片放进 {home}，这里只写文件名",
            ))
            continue
        if name in seen:
            problems.append(Finding(
                doc.path, line, field_name, f"“{name}”已在第 {seen[name]} 行列出过；同一张照片只列一次",
            ))
            continue
        seen[name] = line
        entry = PhotoEntry(
            path=folder / "photos" / name, shown=home + name, line=line, field=field_name,
            caption=item["caption"], alt=item["alt"], credit=item.get("credit"),
        )
        entries.append(entry)
        if item.get("cover"):
            if cover is None:
                cover = entry
            else:
                problems.append(Finding(
                    doc.path, doc.line_of(("photos", index, "cover")), f"photos[{index + 1}].cover",
                    f"第 {cover.line} 行的照片已是封面；只能有一张 cover: true，这里的设置未采用",
                ))
    if cover is not None:
        entries.remove(cover)
        entries.insert(0, cover)
    return entries, problems
