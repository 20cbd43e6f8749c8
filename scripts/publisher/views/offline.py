"""The service worker of a built site: which files make the shell, and one version per build.

Pure: the site folder in, the text of ``sw.js`` out (rendered from
``overrides/fragments/service-worker.js.html``). The version hashes the shell's
files and the search manifest, so a build that changes either gets a new
worker and new caches; the worker deletes the old ones when it takes over.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .fragments import Fragments

WORKER = "sw.js"
# Styles, scripts and the pages a reader needs offline; Material's own search
# (lunr, its worker) is not used by this site.
_SHELL = re.compile(
    r"^(assets/stylesheets/[^/]+\.css|stylesheets/[^/]+\.css|assets/javascripts/(bundle\.[0-9a-f]+\.min|hg-[a-z-]+|glightbox\.min)\.js"
    r"|assets/images/favicon\.png|assets/search/meta\.json|offline/index\.html|search/index\.html)$"
)
LIMITS = {"pages": 150, "photos": 400, "search": 400}  # entries per cache: about 15 MB in all on a phone


def shell_files(site: Path) -> list[str]:
    """The shell, as paths relative to the site's root (pages by their folder: ``offline/``)."""
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return [path.removesuffix("index.html") for path in found if _SHELL.match(path)]


_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def service_worker(site: Path, fragments: Fragments) -> str:
    shell = shell_files(site)
    digest = hashlib.sha256()
    for path in shell:
        data = (site / (path + "index.html" if path.endswith("/") else path)).read_bytes()
        # The engine's name and version in a page is not content: ProperDocs and MkDocs make one worker.
        digest.update(path.encode() + b"\0" + _GENERATOR.sub(b"", data))
    return fragments.render("service-worker.js.html", version=digest.hexdigest()[:12], shell=shell, limits=LIMITS) + "\n"


def write_service_worker(site: Path, fragments: Fragments) -> Path:
    path = site / WORKER
    path.write_text(service_worker(site, fragments), encoding="utf-8")
    return path
