"""Page addresses, computed the way MkDocs does, without MkDocs.

Generated fragments are raw HTML, which the engine does not rewrite, so their
links must already be relative to the page they appear on.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """``villages/huahebian.md`` -> ``villages/huahebian/`` (site-relative)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_path(target: str, start: str = ".") -> str:
    """``posixpath.relpath`` for site-relative paths, without asking the system for its
    working folder (relpath does, twice a call: thousands of calls per page plan)."""
    to = [part for part in posixpath.normpath(target).split("/") if part != "."]
    at = [part for part in posixpath.normpath(start).split("/") if part != "."]
    common = 0
    for a, b in zip(to, at):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def relative_url(here: str, there: str) -> str:
    """``there`` as seen from ``here``; both site-relative, directories ending in /."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = relative_path(there or ".", base.rstrip("/") or ".")
    if there.endswith("/") or not there:
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/.-_~")


def resolve(base: str, target: str) -> str:
    """A relative link ``target`` written on ``base`` (a site URL, or a source path), as a site path.

    ``base`` is a folder when it ends in ``/`` (a page at a directory URL).
    """
    folder = base if base.endswith("/") else posixpath.dirname(base)
    return posixpath.normpath(posixpath.join(folder, target))
