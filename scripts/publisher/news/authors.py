"""The authors file of the news (``docs/news/.authors.yml``): which author keys articles may use."""

from __future__ import annotations

from pathlib import Path

from ..content.yamlsource import read_yaml
from ..findings import Finding


def load_authors(path: Path, shown: str) -> tuple[list[str] | None, list[Finding]]:
    """The author keys, or None (and why) when the file cannot be used.

    No file means no authors (an article naming one is then told so); a broken
    file is reported as itself, with its line, and articles' authors are not
    checked against it.
    """
    if not path.is_file():
        return [], []
    doc = read_yaml(path, shown)
    if not doc.ok:
        return None, doc.findings
    authors = doc.data.get("authors") if isinstance(doc.data, dict) else None
    if not isinstance(authors, dict):
        return None, [Finding(
            shown, doc.line_of(("authors",)), "authors",
            "应为键值对：authors: 下面每位作者一项（作者键: name、description、avatar）",
        )]
    return sorted(str(key) for key in authors), []
