"""Proof that site/ is a complete strict build of the checked-out commit, written by `dev.py build`.

A deploy recomputes the site's digest and compares: a later `mkdocs build
--dirty`, a preview written into site/, or an edited file makes it refuse.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .files import site_files, tree_digest

MARKER = ".cache/publish/build.json"


def git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def source_state(root: Path) -> tuple[str | None, bool]:
    """The commit checked out, and whether the working tree is exactly it (nothing edited or added)."""
    commit = git(root, "rev-parse", "HEAD")
    changes = git(root, "status", "--porcelain", "--untracked-files=normal")
    return commit, changes == ""


def write_marker(root: Path, site: Path) -> Path:
    commit, clean = source_state(root)
    path = root / MARKER
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"commit": commit, "clean": clean, "site": str(site.resolve()), "digest": tree_digest(site_files(site))}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def refusal(root: Path, site: Path, files) -> str | None:
    """Why this site/ must not be published; None when it may."""
    path = root / MARKER
    how = "请先运行 python3 scripts/dev.py build（完整、严格的构建），再发布"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{site} 不是 dev.py build 生成的（没有构建记录 {MARKER}）；{how}"
    commit, clean = source_state(root)
    if record.get("site") != str(site.resolve()):
        return f"构建记录对应的是 {record.get('site')}，不是 {site}；{how}"
    if not record.get("clean") or record.get("commit") != commit:
        return f"{site} 不是当前提交 {(commit or '?')[:12]} 的构建（构建时有未提交的改动，或之后换了提交）；{how}"
    if not clean:
        return f"工作区有未提交的改动，{site} 可能不是当前提交的内容；请先提交或撤销改动，再构建和发布"
    if record.get("digest") != tree_digest(files):
        return f"{site} 在构建之后被改动过（例如 mkdocs build --dirty 或预览写入）；{how}"
    return None
