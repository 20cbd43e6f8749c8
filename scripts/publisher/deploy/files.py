"""What each file of a built site becomes in the bucket: key, bytes stored, headers, and when it goes up.

Text is stored gzip-compressed (object storage does not compress on the fly),
deterministically, so the same file always makes the same object. Files whose
names carry a content hash are cached for a year; everything else is
revalidated on every visit (``no-cache``: a 304 when it has not changed).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

ASSETS, PAGES, ENTRANCES = 0, 1, 2  # the order of upload; deletions come after all three
STEPS = {ASSETS: "资源文件", PAGES: "页面", ENTRANCES: "首页、搜索清单、订阅和站点地图"}

# Pages a reader arrives by, and the files that name the current version of the others.
_ENTRANCES = re.compile(r"^(index\.html|404\.html|sw\.js|assets/search/meta\.json|sitemap\.xml(\.gz)?|feed_[^/]+\.(xml|json))$")
# bundle.f55a23d4.min.js, 5e1a2b3c4d5e6f70-960.webp, assets/search/s/0.0123456789.json
_HASHED = re.compile(r"(^|/|[.-])[0-9a-f]{8,}(?=[./-])")
TEXT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".xml": "application/xml", ".xsl": "text/xsl", ".svg": "image/svg+xml", ".txt": "text/plain",
    ".map": "application/json", ".webmanifest": "application/manifest+json", ".csv": "text/csv",
}
OTHER_TYPES = {".webp": "image/webp", ".woff2": "font/woff2", ".gz": "application/gzip", ".ico": "image/x-icon"}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@dataclass(frozen=True)
class SiteFile:
    key: str  # path in the site, e.g. villages/huahebian/index.html
    path: Path
    size: int  # on disk
    sha256: str  # of the file
    content_type: str
    cache_control: str
    gzip: bool
    step: int

    @property
    def digest(self) -> str:
        """Changes when the object must be uploaded again: its bytes or any of its headers."""
        return hashlib.sha256(f"{self.sha256}\0{self.content_type}\0{self.cache_control}\0{self.gzip}".encode()).hexdigest()

    def body(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.compress(data, compresslevel=9, mtime=0) if self.gzip else data


def site_files(site: Path) -> list[SiteFile]:
    """Every file of the built site (hidden files left out), in upload order."""
    files = []
    for path in sorted(site.rglob("*")):
        key = path.relative_to(site).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in key.split("/")):
            continue
        files.append(describe(key, path))
    return sorted(files, key=lambda f: (f.step, f.key))


def describe(key: str, path: Path) -> SiteFile:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        content_type, text = f"{TEXT_TYPES[suffix]}; charset=utf-8", True
    else:
        content_type = OTHER_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        text = False
    if _ENTRANCES.match(key):
        step = ENTRANCES
    elif suffix == ".html":
        step = PAGES
    else:
        step = ASSETS
    cache = IMMUTABLE if step == ASSETS and _HASHED.search(key) else REVALIDATE
    squeeze = text and len(data) > 256
    return SiteFile(key, path, len(data), hashlib.sha256(data).hexdigest(), content_type, cache, squeeze, step)


def tree_digest(files: list[SiteFile]) -> str:
    """One digest of the whole site: every file's path and content."""
    return hashlib.sha256("".join(f"{f.key}\0{f.sha256}\n" for f in sorted(files, key=lambda f: f.key)).encode()).hexdigest()
