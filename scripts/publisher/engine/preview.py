"""Partial rebuilds for the preview: `mkdocs serve --dirty` (`dev.py serve`).

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its
output. That is wrong both ways here: generated pages have no source file, so
all of them would be rebuilt every time, and an article's page also depends
on the villages it names. And pages it skips are not read, so anything made
from every page (the news lists, the feeds, the search index) would come out
partial.

So under ``--dirty`` each page gets a fingerprint of what it is made from (a
generated page: its markdown; an article: its file and the villages it names;
the news lists: every article), and the page is rebuilt when its fingerprint
changed since the last build of this process, when its output is missing, or
when it is in the navigation (its title is shown on other pages). The news
lists and feeds are rebuilt only when an article changed. Anything else that
changed (configuration, templates, styles, categories, campaign figures, an
article's image) rebuilds everything. Pages that disappeared lose their
output; search documents of skipped pages are kept from the last build, and
the index is written in a background process (``search/writer.py``). Village profiles, articles and
photos already read in this process are reused while their files are unchanged.

A plain `mkdocs build` (no ``--dirty``) never takes this path; the first build
of a process always renders everything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jinja2
import jinja2.bccache
from material.plugins.blog.structure import Post as BlogPost
from material.plugins.blog.structure import View as BlogView
from mkdocs.structure.files import File, Files

from ..memo import FileMemo, stamp
from ..views.plan import HOME_URI, village_uri
from .settings import log


@dataclass
class Snapshot:
    """What the last build in this process was made from, for one site folder."""

    inputs: str = ""
    blog: str = ""
    pages: dict[str, object] = field(default_factory=dict)  # src_uri -> fingerprint
    outputs: dict[str, str] = field(default_factory=dict)  # src_uri -> output file
    search: dict[str, object] = field(default_factory=dict)  # src_uri -> search document


_dirty = False  # set once by on_startup; the rebuilds of `serve` get no on_startup
_serving = False  # `mkdocs serve`, with or without --dirty
_snapshots: dict[str, Snapshot] = {}  # by site folder, across the rebuilds of one `serve`
photos: dict[tuple, object] = {}  # processed photos by file, time and size (images.pipeline)
files = FileMemo()  # village profiles and articles read and checked (content, news)


class _AccurateDirtyBuild(logging.Filter):
    """MkDocs warns that a dirty build has inaccurate navigation; this one has not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_filter = _AccurateDirtyBuild()


def start(command: str, dirty: bool) -> None:
    global _dirty, _serving
    _dirty = dirty
    _serving = command == "serve"
    _snapshots.clear()
    photos.clear()
    files.clear()
    if command == "serve":
        _watch_natively()
    builder = logging.getLogger("mkdocs.commands.build")
    if dirty and command == "serve":
        builder.addFilter(_filter)
    else:
        builder.removeFilter(_filter)


def _watch_natively() -> None:
    """`serve` learns of a saved file from the system (inotify on Linux) instead of MkDocs'
    default, which looks at every watched file twice a second (10,000 at province scale)."""
    import mkdocs.commands.serve as serve_command
    from watchdog.observers import Observer

    server = serve_command.LiveReloadServer
    if getattr(server, "watches_natively", False):
        return

    class NativelyWatching(server):
        watches_natively = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.observer = Observer(timeout=0.5)  # before anything is watched

    serve_command.LiveReloadServer = NativelyWatching


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per `serve`: MkDocs makes a new template environment
    for every rebuild. A template whose file changed is compiled again (Jinja checks its source)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_templates = _CompiledTemplates()


def reuse_compiled_templates(env: jinja2.Environment) -> None:
    if _serving:
        env.bytecode_cache = _templates


def active() -> bool:
    return _dirty


def serving() -> bool:
    return _serving


def digest(*parts: object) -> str:
    hasher = hashlib.sha1()
    for part in parts:
        hasher.update(str(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def tree_stat(paths: Iterable[str | Path]) -> str:
    """A fingerprint of files and every file under folders, by name, time and size."""
    entries = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, _, names in os.walk(path):
                entries += [(os.path.join(root, n), stamp(os.path.join(root, n))) for n in names]
        else:
            entries.append((str(path), stamp(path)))
    return digest(*sorted(entries))


class Plan:
    """Which pages this build renders; made after all files are known (on_nav)."""

    def __init__(self, site_dir: str):
        self.site_dir = site_dir
        self.previous = _snapshots.get(site_dir)
        self.current = Snapshot()
        self.partial = False
        self.blog_changed = True
        self.rebuilt: set[str] = set()

    def decide(self, files: Files, pages: dict[str, object], nav_uris: set[str], blog_uris: set[str],
               inputs: str, blog: str) -> None:
        """``pages``: src_uri -> fingerprint of every page; mark each file modified or not."""
        self.current.inputs, self.current.blog, self.current.pages = inputs, blog, pages
        previous = self.previous
        self.partial = previous is not None and previous.inputs == inputs
        self.blog_changed = not self.partial or previous.blog != blog
        for file in every_page(files):
            uri = file.src_uri
            self.current.outputs[uri] = file.abs_dest_path
            if self.partial:
                modified = (
                    previous.pages.get(uri) != pages.get(uri)
                    or not os.path.exists(file.abs_dest_path)
                    or (uri in blog_uris and self.blog_changed)
                    or (uri in nav_uris and uri not in blog_uris)
                )
            else:
                modified = True
            _set_modified(file, modified)
            if modified:
                self.rebuilt.add(uri)
        if self.partial:
            self._remove_gone()
            log.info(f"预览：重新生成 {len(self.rebuilt)} 个页面，其余 {len(pages) - len(self.rebuilt)} 个未变")

    def search_docs(self, fresh: dict[str, object]) -> list[object]:
        """This build's search documents, those of skipped pages kept from the last build."""
        kept = self.previous.search if self.partial else {}
        # In page order, as a full build has them.
        merged = {
            uri: fresh[uri] if uri in fresh else kept[uri]
            for uri in self.current.pages
            if uri in fresh or (uri in kept and uri not in self.rebuilt)
        }
        self.current.search = merged
        return list(merged.values())

    def finish(self) -> None:
        """The build succeeded: the next one compares with this one."""
        _snapshots[self.site_dir] = self.current

    def _remove_gone(self) -> None:
        for uri, output in self.previous.outputs.items():
            if uri not in self.current.outputs and os.path.isfile(output):
                os.remove(output)


def plan_rebuild(publisher, nav, files: Files, config) -> None:
    """Fingerprint every page of this build and decide which to render (on_nav)."""
    project, plan = publisher.project, publisher.plan
    pages: dict[str, object] = {}
    every = every_page(files)
    # The news lists show every article's excerpt: they change with any article
    # file, and with the editors' own text of a list (docs/news/index.md).
    in_docs = lambda f: f.abs_src_path is not None and Path(f.abs_src_path).is_relative_to(project.docs)  # noqa: E731
    posts = sorted(
        (f.src_uri, stamp(f.abs_src_path)) for f in every
        if isinstance(f.page, BlogPost) or (isinstance(f.page, BlogView) and in_docs(f))
    )
    blog = digest(*posts, publisher.drafts_shown())
    blog_pages = {f.src_uri for f in every if isinstance(f.page, (BlogPost, BlogView))}
    generated = {uri: digest(source.markdown) for uri, source in publisher.sources.items()}
    for file in every:
        uri = file.src_uri
        if uri in generated:
            pages[uri] = generated[uri]
        elif uri == HOME_URI and publisher.maker is not None:
            pages[uri] = digest(stamp(file.abs_src_path), publisher.home_sections)
        elif uri in publisher.articles_by_uri:  # an article also shows cards of the villages it names
            named = [generated.get(village_uri(slug)) for slug in publisher.articles_by_uri[uri].villages]
            pages[uri] = digest(stamp(file.abs_src_path), *named)
        elif isinstance(file.page, BlogView):  # its source is a stub the blog plugin rewrites
            pages[uri] = blog
        else:
            pages[uri] = stamp(file.abs_src_path)
    others = [f.abs_src_path for f in files if not f.is_documentation_page() and f.abs_src_path
              and not Path(f.abs_src_path).is_relative_to(publisher.cache.directory)]
    villages = project.root / project.villages_dir
    inputs = tree_stat([
        publisher.config_file, project.root / project.campaign_file, project.root / project.fragments_dir,
        *(p for p in villages.glob("*") if p.is_file()), *(project.docs.rglob(".*.yml")),
        *([publisher.custom_dir] if publisher.custom_dir else []), *others,
    ])
    plan.decide(files, pages, {p.file.src_uri for p in nav.pages}, blog_pages, inputs, blog)
    for file in every:
        if isinstance(file.page, BlogView) and file.src_uri not in plan.rebuilt:
            # A rebuilt article links to its categories and the news section
            # by their titles, which come from these pages' sources.
            file.page.read_source(config)
    if publisher.rss is not None and plan.partial and not plan.blog_changed:
        publisher.rss.config.enabled = False  # no article changed: the feeds written last time stay


def every_page(files: Files) -> list[File]:
    """All pages, also those the blog plugin hides until its on_nav, which runs after ours."""
    return files.documentation_pages(inclusion=lambda level: True)


def _set_modified(file: File, modified: bool) -> None:
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]
