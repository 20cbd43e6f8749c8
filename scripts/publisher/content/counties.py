"""The county-level divisions of villages/counties.yml, and a village's county checked against them."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..findings import Finding
from .model import County
from .placeholders import is_placeholder
from .schema import read_checked
from .yamlsource import YamlDocument

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "counties.schema.json"
_SUFFIX = re.compile(r"(管理区|自治县|县|市|区|旗)$")


def load_counties(root: Path, shown: str, findings: list[Finding]) -> list[County] | None:
    """The counties in official order; None when the project has no counties file (nothing is checked)."""
    if not (root / shown).is_file():
        return None
    doc = read_checked(root / shown, shown, SCHEMA, findings)
    if doc is None:
        return []
    counties, seen = [], set()
    for index, item in enumerate(doc.data):
        for key in ("code", "name"):
            if item[key] in seen:
                findings.append(Finding(shown, doc.line_of((index, key)), f"[{index + 1}].{key}", f"“{item[key]}”重复"))
            seen.add(item[key])
        counties.append(County(item["code"], item["name"]))
    return counties


def check_county(doc: YamlDocument, counties: list[County] | None) -> list[Finding]:
    """The village's county must be one of the list; a near miss is told its official name."""
    value = doc.data.get("county") if isinstance(doc.data, dict) else None
    if counties is None or not isinstance(value, str) or not value or is_placeholder(value):
        return []  # no counties file; missing, not text or the skeleton's: reported by other checks
    names = [c.name for c in counties]
    if value in names:
        return []
    guess = suggest(value.strip(), names)
    message = f"“{value}”不在县（市、区）名单中"
    message += f"，应写官方名称 {guess}" if guess else ""
    message += "。可选：" + "、".join(names) + "（名单见 villages/counties.yml）"
    return [Finding(doc.path, doc.line_of(("county",)), "county", message)]


def suggest(value: str, names: list[str]) -> str | None:
    """麻城县 → 麻城市, 罗田 → 罗田县, 黄冈市罗田县 → 罗田县, 罗天县 → 罗田县."""
    if value in names:
        return value
    for name in names:
        if value.endswith(name) or _SUFFIX.sub("", value) == _SUFFIX.sub("", name):
            return name
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
    return close[0] if close else None
