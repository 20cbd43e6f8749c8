"""Changes to how Material's blog plugin (9.8) works: the same output, in less time.

Measured on the province benchmark (2,000 articles, 3,700 pages), the blog
plugin took a fifth of the build, mostly in two places:

- For every page it asks ``page in blog.posts``, twice: a scan of the list
  comparing with MkDocs' ``Page.__eq__`` (title and file). That is 11 million
  comparisons. The posts' list gets a membership test by identity, which is
  what the question means: the pages asked about are the posts themselves.
- It reads every article's front matter with PyYAML's pure-Python loader;
  MkDocs itself uses libyaml's (CSafeLoader, the same constructors) when
  installed, and so does the blog plugin here: 2,000 articles took 2.5 s.
- Each excerpt is rendered once for every list page it is on (the news index,
  its month, its categories), and each time the plugin converts the whole
  article and cuts the HTML at the separator. Here only the markdown before
  the separator is converted, with any link reference definitions from the
  rest, so that reference-style links in the excerpt still resolve; and it is
  converted once, as if on the article's own page: on each list page only its
  addresses differ, and they are made relative to that page again (the same
  addresses the plugin's own conversion there gives; addresses MkDocs did not
  compute, such as raw HTML's, stay as written, as they do there).

In `serve`, unchanged articles are read and their front matter parsed once
(``post_sources``, ``front_matter``).

MkDocs-facing, like the rest of engine/: nothing else depends on it, and removing
the calls in scripts/hooks.py leaves a slower build of the same site.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import material.plugins.blog.structure as blog_structure
import yaml
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Excerpt
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..memo import FileMemo

if hasattr(yaml, "CSafeLoader"):  # as mkdocs.utils.meta does
    blog_structure.SafeLoader = yaml.CSafeLoader


class _FrontMatter:
    """The blog parses every article's front matter at each build; in `serve`, an unchanged
    one is parsed once (by its text; a copy each time, as pages change their meta)."""

    def __init__(self):
        self.remember = False
        self._parsed: dict[str, Any] = {}
        self._before: dict[str, Any] = {}  # of the last build: what no article has any more goes

    def new_build(self, remember: bool) -> None:
        self.remember = remember
        self._before, self._parsed = (self._parsed, {}) if remember else ({}, {})

    def load(self, text: str, loader: Any) -> Any:
        if not self.remember:
            return yaml.load(text, loader)
        if text not in self._parsed:
            self._parsed[text] = self._before[text] if text in self._before else yaml.load(text, loader)
        return _copied(self._parsed[text])

    def __getattr__(self, name: str) -> Any:  # the rest of the yaml module, as it was
        return getattr(yaml, name)


def _copied(value: Any) -> Any:
    """YAML's containers copied (its scalars, dates included, are immutable); deepcopy is slower than parsing."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


front_matter = blog_structure.yaml = _FrontMatter()


class _Sources:
    """In `serve`, the blog reads every article's file at each rebuild too: an unchanged one
    (the same modification time and size) comes from memory."""

    def __init__(self):
        self.remember = False
        self._texts = FileMemo()

    def open(self, path, mode: str = "r", **options: Any):
        if not self.remember or mode != "r" or set(options) - {"encoding"}:
            return open(path, mode, **options)
        return io.StringIO(self._texts.get(Path(path), options.get("encoding"), lambda: _read(path, options)))


def _read(path, options: dict) -> str:
    with open(path, **options) as file:
        return file.read()


post_sources = _Sources()
blog_structure.open = post_sources.open  # the module's name for the built-in, in Post.__init__


def remember_unchanged_posts(serving: bool) -> None:
    """At each build, before the blog reads the articles: in `serve`, from memory where unchanged."""
    front_matter.new_build(remember=serving)
    post_sources.remember = serving


# A link reference definition: "[label]: url", up to three spaces indented.
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)


class _PostList(list):
    """The blog's posts, asked ``in`` by identity (a set, not a scan)."""

    def __contains__(self, item: object) -> bool:
        ids = self.__dict__.get("_ids")
        if ids is None or len(ids) != len(self):
            ids = self._ids = {id(post) for post in self}
        return id(item) in ids


class _HeadExcerpt(Excerpt):
    """An excerpt converted from the article's markdown before the separator, once."""

    def render(self, page: Page, separator: str) -> None:
        post = self.post
        whole = post.markdown
        head, found, rest = whole.partition(separator)
        if not found:
            return super().render(page, separator)
        converted = self.__dict__.get("_converted") if RENDER_ONCE else None
        if converted is None or converted[0] != whole:
            references = "\n".join(_REFERENCE.findall(rest))
            post.markdown = f"{head}{separator}\n\n{references}\n"
            made = self._record_addresses() if RENDER_ONCE else set()
            try:
                super().render(post if RENDER_ONCE else page, separator)
            finally:
                post.markdown = whole
            converted = self._converted = (whole, self.content, self.toc, frozenset(made))
        if RENDER_ONCE:
            self.content = _relocate(converted[1], converted[3], post.url, page.url)
            self.toc = converted[2]
        # The list shows "continue reading" when the article goes on.
        self.more = rest if rest.strip() else ""

    def _record_addresses(self) -> set[str]:
        """The addresses MkDocs and the plugin compute in the conversion (relative to the page
        converted on); the others (unresolved, raw HTML's) are left as the editor wrote them."""
        made: set[str] = set()
        relpath, anchors = self.md.treeprocessors["relpath"], self.md.treeprocessors["excerpt"]
        to_url, run = relpath.path_to_url, anchors.run

        def path_to_url(url: str) -> str:
            new = to_url(url)
            if new != url:
                made.add(_escaped(new))
            return new

        def run_anchors(root):
            links = [a for a in root.iter("a") if (a.get("href") or "").startswith("#")]
            result = run(root)
            made.update(_escaped(a.get("href")) for a in links)
            return result

        relpath.path_to_url, anchors.run = path_to_url, run_anchors
        return made


RENDER_ONCE = True  # off (PUBLISHER_FAST=0): converted on every list page, the reference for the tests
_ADDRESS = re.compile(r'\b(href|src)="([^"]*)"')


def _escaped(url: str) -> str:  # as Python-Markdown writes an attribute
    return url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _relocate(content: str, made: frozenset[str], here: str, there: str) -> str:
    """``content`` converted for the page at ``here``, its computed addresses made relative to ``there``."""
    if here == there or not made:
        return content

    def moved(match: re.Match) -> str:
        if match.group(2) not in made:
            return match.group(0)
        path, mark, rest = html.unescape(match.group(2)).partition("#")
        return f'{match.group(1)}="{_escaped(get_relative_url(_resolve(path, here), there) + mark + rest)}"'

    return _ADDRESS.sub(moved, content)


def _resolve(relative: str, base: str) -> str:
    """The site path of ``relative`` on the page at ``base`` (as get_relative_url reads them)."""
    directory, _, name = base.rpartition("/")
    parts = [part for part in (directory if "." in name else base).split("/") if part]
    for part in relative.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts) + ("/" if relative.endswith("/") else "")


def index_posts(plugins: Any) -> None:
    """After the blog plugin has found its posts (its on_files)."""
    for plugin in plugins.values():
        if isinstance(plugin, BlogPlugin) and getattr(plugin, "blog", None) is not None:
            plugin.blog.posts = _PostList(plugin.blog.posts)


def shorten_excerpt(page: Page) -> None:
    """After the blog plugin has made the article's excerpt (its on_page_markdown)."""
    excerpt = getattr(page, "excerpt", None)
    if type(excerpt) is Excerpt:
        excerpt.__class__ = _HeadExcerpt
