"""What the site is made of: categories, village profiles, campaign figures.

Plain data, loaded and checked by ``content.load``; lookups are computed once,
since the villages are final once loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..findings import Finding


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    description: str
    color: str = "#37474f"  # on the map
    marker: str = "circle"


@dataclass(frozen=True)
class County:
    """A county-level division of villages/counties.yml."""

    code: str  # administrative code, e.g. 421123
    name: str  # official name, e.g. 罗田县


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
    story_line: int = 0  # where the story starts in the file
    location_line: int = 0

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
    county_list: list[County] = field(default_factory=list)  # official order; empty: no counties file
    shapes: object = None  # content.boundaries.Shapes, or None: no boundary data

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
        """County name -> its villages, counties with villages in official order (by name without a counties file)."""
        grouped: dict[str, list[Village]] = {}
        for village in self.villages:
            grouped.setdefault(village.county, []).append(village)
        order = {county.name: index for index, county in enumerate(self.county_list)}
        return dict(sorted(grouped.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))

    @cached_property
    def by_slug(self) -> dict[str, Village]:
        return {v.slug: v for v in self.villages}

    def villages_named(self, slugs: list[str]) -> list[Village]:
        """The villages of ``slugs`` that were loaded (a slug of a bad profile is skipped), in that order."""
        return [self.by_slug[s] for s in slugs if s in self.by_slug]

    def featured(self) -> list[Village]:
        return self.villages_named(self.campaign.data.get("featured", []))
