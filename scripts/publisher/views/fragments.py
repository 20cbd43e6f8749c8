"""Render the HTML fragments of generated pages from ``overrides/fragments/``.

Autoescaping is on: every string from an editor's YAML is HTML-escaped. The
output is a raw HTML block for Python-Markdown, so blank lines are dropped
(a blank line would end the block).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader


@lru_cache(maxsize=8)
def _environment(directory: str) -> Environment:
    """One per folder and process: the preview's rebuilds reuse compiled
    templates; Jinja recompiles a template whose file changed (auto_reload)."""
    return Environment(
        loader=FileSystemLoader(directory),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class Fragments:
    def __init__(self, directory: Path):
        self.env = _environment(str(Path(directory).resolve()))

    def render(self, name: str, **context: Any) -> str:
        html = self.env.get_template(name).render(**context)
        return "\n".join(line for line in html.splitlines() if line.strip())
