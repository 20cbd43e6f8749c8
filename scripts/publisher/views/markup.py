"""Markdown and text made from editors' strings: front matter, escaped text, figures."""

from __future__ import annotations

import html
import json
import re
from typing import Any


def front_matter(**meta: Any) -> str:
    """YAML front matter; JSON is YAML, so any string is quoted safely."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def markdown_text(text: str) -> str:
    """Editor text placed in markdown: HTML-escaped, markdown punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~])", r"\\\1", html.escape(text, quote=False))


def format_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}" if isinstance(value, int) else f"{value:.10g}"


def shown_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure (label, value, unit, year) with its value formatted for reading."""
    return {**figure, "value": format_number(figure["value"])}


def join_blocks(parts: list[str]) -> str:
    return "\n\n".join(parts) + "\n"
