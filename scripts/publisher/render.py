"""Render the HTML fragments of generated pages from ``overrides/fragments/``.

Autoescaping is on: every string from an editor's YAML is HTML-escaped. The
output is a raw HTML block for Python-Markdown, so blank lines are dropped
(a blank line would end the block).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader


class Fragments:
    def __init__(self, directory: Path):
        self.env = Environment(
            loader=FileSystemLoader(str(directory)),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def render(self, name: str, **context: Any) -> str:
        html = self.env.get_template(name).render(**context)
        return "\n".join(line for line in html.splitlines() if line.strip())
