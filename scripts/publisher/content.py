"""Load and check the site's data: categories, village profiles, campaign figures.

Pure Python, no MkDocs: given folders, return the valid items and a finding for
every problem, all of them in one pass. A bad village is left out of the
result (and reported); the others are kept.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path, PurePosixPath
from typing import Any

from .findings import Finding
from .memo import FileMemo, stamp
from .schema import validate
from .yamlsource import YamlDocument, read_yaml

SCHEMAS = Path(__file__).parent / "schemas"
VILLAGE_SCHEMA_NAME = "village.schema.json"  # lives beside the villages, for editors' IDEs
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index"}  # villages/index.md is the overview page
_PHOTO_ITEM = re.compile(r"^photos\[(\d+)\]")  # a finding about one photo's entry


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class PhotoEntry:
    """One item of a village's ``photos:`` list."""

    path: Path  # the file on disk
    shown: str  # e.g. villages/huahebian/photos/IMG_0001.jpg
    line: int  # of its ``file:`` key
    field: str  # e.g. photos[2].file
    caption: str
    alt: str
    credit: str | None = None


@dataclass
class Village:
    slug: str
    source: str  # path shown to editors, e.g. villages/huahebian/village.yml
    data: dict[str, Any]
    photos: list[PhotoEntry] = field(default_factory=list)  # cover first

    name = property(lambda self: self.data["name"])
    category = property(lambda self: self.data["category"])
    county = property(lambda self: self.data["county"])
    summary = property(lambda self: self.data["summary"])

    @property
    def cover(self) -> PhotoEntry | None:
        return self.photos[0] if self.photos else None

    @property
    def place(self) -> str:
        """County, and township where known: 罗田县 · 大崎镇."""
        township = self.data.get("township")
        return f"{self.county} · {township}" if township else self.county


@dataclass
class Campaign:
    source: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def figures(self) -> list[dict[str, Any]]:
        return self.data.get("figures", [])


@dataclass
class Content:
    """What was loaded; the villages are final once loaded, so lookups are computed once."""

    categories: list[Category]
    villages: list[Village]
    campaign: Campaign
    findings: list[Finding]

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)

    def in_category(self, key: str) -> list[Village]:
        """The category's villages, by county and name."""
        return self._by_category.get(key, [])

    @cached_property
    def _by_category(self) -> dict[str, list[Village]]:
        grouped: dict[str, list[Village]] = {}
        for village in sorted(self.villages, key=lambda v: (v.county, v.name)):
            grouped.setdefault(village.category, []).append(village)
        return grouped

    @cached_property
    def counties(self) -> dict[str, list[Village]]:
        """County name -> its villages, counties in name order."""
        grouped: dict[str, list[Village]] = {}
        for village in self.villages:
            grouped.setdefault(village.county, []).append(village)
        return dict(sorted(grouped.items()))

    @cached_property
    def by_slug(self) -> dict[str, Village]:
        return {v.slug: v for v in self.villages}

    def featured(self) -> list[Village]:
        return [self.by_slug[s] for s in self.campaign.data.get("featured", []) if s in self.by_slug]


def load_content(root: Path, villages_dir: str, campaign_file: str, memo: FileMemo | None = None) -> Content:
    """Load everything below ``root``; paths in findings are relative to it.

    ``memo``: profiles read and validated in earlier builds of this process (the preview).
    """
    findings: list[Finding] = []
    categories = load_categories(root, villages_dir, findings)
    villages = load_villages(root, villages_dir, categories, findings, memo)
    campaign = load_campaign(root, campaign_file, villages, findings)
    return Content(categories, villages, campaign, sorted(findings))


def _read_checked(root: Path, shown: str, schema: Path, findings: list[Finding]) -> YamlDocument | None:
    """A data file read and validated; None (and its findings reported) when it has problems."""
    doc = read_yaml(root / shown, shown)
    if doc.ok:
        doc.findings += validate(doc, schema)
    findings += doc.findings
    return doc if doc.ok else None


def load_categories(root: Path, villages_dir: str, findings: list[Finding]) -> list[Category]:
    shown = f"{villages_dir}/categories.yml"
    doc = _read_checked(root, shown, SCHEMAS / "categories.schema.json", findings)
    if doc is None:
        return []
    categories, seen = [], set()
    for index, item in enumerate(doc.data):
        if item["key"] in seen:
            findings.append(Finding(shown, doc.line_of((index, "key")), "key", f"分类键 {item['key']} 重复"))
            continue
        seen.add(item["key"])
        categories.append(Category(item["key"], item["name"], item["description"]))
    return categories


def _read_profile(path: Path, shown: str, schema: Path) -> tuple[YamlDocument, list[Finding]]:
    """A village.yml read and checked against the schema (not yet against other files)."""
    doc = read_yaml(path, shown)
    return doc, validate(doc, schema) if doc.ok else []


def load_villages(
    root: Path, villages_dir: str, categories: list[Category], findings: list[Finding],
    memo: FileMemo | None = None,
) -> list[Village]:
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
        if not problems:
            entries, photo_problems = _photo_entries(doc, sub, skip=bad_photos)
            findings += photo_problems
            village = Village(sub.name, shown, doc.data, entries)
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


def _photo_entries(
    doc: YamlDocument, folder: Path, skip: set[int] = frozenset()
) -> tuple[list[PhotoEntry], list[Finding]]:
    """The listed photos that can be looked for, cover first; findings for the rest.

    ``skip``: indexes of entries that already failed the schema check.
    """
    items = doc.data.get("photos", [])
    home = doc.path.rsplit("/", 1)[0] + "/photos/"  # as editors see it
    entries: list[PhotoEntry] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    cover: PhotoEntry | None = None
    for index, item in enumerate(items):
        if index in skip:
            continue
        field_name = f"photos[{index + 1}].file"
        line = doc.line_of(("photos", index, "file"))
        name = item["file"]
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            problems.append(Finding(
                doc.path, line, field_name,
                f"“{name}”指向了本村照片文件夹以外；请把照片放进 {home}，这里只写文件名",
            ))
            continue
        if name in seen:
            problems.append(Finding(
                doc.path, line, field_name, f"“{name}”已在第 {seen[name]} 行列出过；同一张照片只列一次",
            ))
            continue
        seen[name] = line
        entry = PhotoEntry(
            path=folder / "photos" / name, shown=home + name, line=line, field=field_name,
            caption=item["caption"], alt=item["alt"], credit=item.get("credit"),
        )
        entries.append(entry)
        if item.get("cover"):
            if cover is None:
                cover = entry
            else:
                problems.append(Finding(
                    doc.path, doc.line_of(("photos", index, "cover")), f"photos[{index + 1}].cover",
                    f"第 {cover.line} 行的照片已是封面；只能有一张 cover: true，这里的设置未采用",
                ))
    if cover is not None:
        entries.remove(cover)
        entries.insert(0, cover)
    return entries, problems


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
    doc = _read_checked(root, campaign_file, SCHEMAS / "campaign.schema.json", findings)
    if doc is None:
        return Campaign(campaign_file)
    slugs = {v.slug for v in villages}
    for index, slug in enumerate(doc.data.get("featured", [])):
        if slug not in slugs:
            findings.append(Finding(
                campaign_file, doc.line_of(("featured", index)), f"featured[{index + 1}]",
                f"没有 slug 为“{slug}”的村（或它的档案有错误，已被跳过）",
            ))
    return Campaign(campaign_file, doc.data)
