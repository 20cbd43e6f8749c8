"""Load and check the site's data: categories, village profiles, campaign figures.

Pure Python, no MkDocs: given folders, return the valid items and a finding for
every problem, all of them in one pass. A bad village is left out of the
result (and reported); the others are kept.
"""

from __future__ import annotations

import difflib
import re
from functools import partial
from pathlib import Path

from ..findings import Finding
from ..memo import FileMemo, stamp
from .boundaries import check_locations, load_shapes
from .counties import check_county, load_counties
from .entries import photo_entries
from .model import Campaign, Category, Content, County, Village
from .placeholders import check_placeholders
from .schema import read_checked, validate
from .yamlsource import YamlDocument, read_yaml

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
VILLAGE_SCHEMA_NAME = "village.schema.json"  # lives beside the villages, for editors' IDEs
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index"}  # villages/index.md is the overview page
_PHOTO_ITEM = re.compile(r"^photos\[(\d+)\]")  # a finding about one photo's entry


def load_content(root: Path, villages_dir: str, campaign_file: str, memo: FileMemo | None = None) -> Content:
    """Load everything below ``root``; paths in findings are relative to it.

    ``memo``: profiles read and validated in earlier builds of this process (the preview).
    """
    findings: list[Finding] = []
    categories = load_categories(root, villages_dir, findings)
    counties = load_counties(root, f"{villages_dir}/counties.yml", findings)
    villages = load_villages(root, villages_dir, categories, findings, memo, counties)
    shapes = load_shapes(root, f"{villages_dir}/boundaries.json", findings) if counties else None
    findings += check_locations(villages, counties or [], shapes)
    campaign = load_campaign(root, campaign_file, villages, findings)
    return Content(categories, villages, campaign, sorted(findings), counties or [], shapes)


def load_categories(root: Path, villages_dir: str, findings: list[Finding]) -> list[Category]:
    shown = f"{villages_dir}/categories.yml"
    doc = read_checked(root / shown, shown, SCHEMAS / "categories.schema.json", findings)
    if doc is None:
        return []
    categories, seen = [], set()
    for index, item in enumerate(doc.data):
        if item["key"] in seen:
            findings.append(Finding(shown, doc.line_of((index, "key")), "key", f"分类键 {item['key']} 重复"))
            continue
        seen.add(item["key"])
        categories.append(Category(item["key"], item["name"], item["description"],
                                   **{k: item[k] for k in ("color", "marker") if k in item}))
    return categories


def _read_profile(path: Path, shown: str, schema: Path) -> tuple[YamlDocument, list[Finding]]:
    """A village.yml read and checked against the schema (not yet against other files)."""
    doc = read_yaml(path, shown)
    return doc, validate(doc, schema) if doc.ok else []


def load_villages(
    root: Path, villages_dir: str, categories: list[Category], findings: list[Finding],
    memo: FileMemo | None = None, counties: list[County] | None = None,
) -> list[Village]:
    """``counties``: the valid county names; None: not checked (no counties file)."""
    folder = root / villages_dir
    schema = folder / VILLAGE_SCHEMA_NAME
    memo = memo or FileMemo()
    villages: list[Village] = []
    first_of: dict[tuple[str, str], Village] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        shown = f"{villages_dir}/{sub.name}/village.yml"
        if not (sub / "village.yml").is_file():
            findings.append(Finding(
                f"{villages_dir}/{sub.name}/", None, None,
                "文件夹中没有 village.yml；每个村一个文件夹，档案文件名必须是 village.yml",
            ))
            continue
        doc, schema_problems = memo.get(
            sub / "village.yml", (shown, stamp(schema)), partial(_read_profile, sub / "village.yml", shown, schema),
        )
        problems = doc.findings + _check_slug(sub.name, shown)
        bad_photos: set[int] = set()
        if doc.ok:
            # A mistake inside one photo's entry loses that photo, not the village.
            for finding in schema_problems:
                match = _PHOTO_ITEM.match(finding.field or "")
                if match:
                    bad_photos.add(int(match.group(1)) - 1)
                    findings.append(finding)
                else:
                    problems.append(finding)
            problems += _check_category(doc, categories)
            problems += check_county(doc, counties)
            problems += check_placeholders(doc)
        if not problems:
            entries, photo_problems = photo_entries(doc, sub, skip=bad_photos)
            findings += photo_problems
            village = Village(sub.name, shown, doc.data, entries, doc.line_of(("story",)), doc.line_of(("location",), key=True))
            twin = first_of.setdefault((village.county, village.name), village)
            if twin is not village:
                problems.append(Finding(
                    shown, doc.line_of(("name",)), "name",
                    f"{village.county}已有同名的村“{village.name}”（{twin.source}）；"
                    "同一个县的村名不能重复",
                ))
        findings += problems
        if not problems:
            villages.append(village)
    return villages


def _check_slug(slug: str, shown: str) -> list[Finding]:
    if SLUG.match(slug) and slug not in RESERVED_SLUGS:
        return []
    why = "是保留名称" if slug in RESERVED_SLUGS else "只能由小写英文字母、数字和连字符组成"
    return [Finding(
        shown, None, "slug",
        f"文件夹名“{slug}”{why}；它就是网址 /villages/{slug}/，请改用村名拼音，如 huahebian",
    )]


def _check_category(doc: YamlDocument, categories: list[Category]) -> list[Finding]:
    value = doc.data.get("category") if isinstance(doc.data, dict) else None
    if not isinstance(value, str) or not value:
        return []  # missing or not text: the schema check reports it
    keys = [c.key for c in categories]
    if value in keys:
        return []
    by_name = {c.name: c.key for c in categories}
    guess = by_name.get(value) or next(iter(difflib.get_close_matches(value, keys, n=1, cutoff=0.5)), None)
    message = f"未知的分类“{value}”"
    if guess:
        message += f"，是否想写 {guess}？"
    else:
        message += "。"
    message += "可选：" + "、".join(f"{c.key}（{c.name}）" for c in categories)
    return [Finding(doc.path, doc.line_of(("category",)), "category", message)]


def load_campaign(
    root: Path, campaign_file: str, villages: list[Village], findings: list[Finding]
) -> Campaign:
    doc = read_checked(root / campaign_file, campaign_file, SCHEMAS / "campaign.schema.json", findings)
    if doc is None:
        return Campaign()
    slugs = {v.slug for v in villages}
    for index, slug in enumerate(doc.data.get("featured", [])):
        if slug not in slugs:
            findings.append(Finding(
                campaign_file, doc.line_of(("featured", index)), f"featured[{index + 1}]",
                f"没有 slug 为“{slug}”的村（或它的档案有错误，已被跳过）",
            ))
    return Campaign(doc.data)
