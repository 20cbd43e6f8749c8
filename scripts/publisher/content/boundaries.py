"""County shapes (villages/boundaries.json, made by scripts/maps/extract_boundaries.py) and
where a village's location falls.

WGS-84 longitude/latitude rings by administrative code. A project without the
file (the province corpus) has no shapes: no map and no location check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding
from .model import County, Village

Ring = list[list[float]]  # [[lng, lat], ...]


@dataclass(frozen=True)
class Shapes:
    by_code: dict[str, list[Ring]]

    def of(self, county: County) -> list[Ring]:
        return self.by_code.get(county.code, [])

    def contains(self, county: County, lng: float, lat: float) -> bool:
        return any(inside(lng, lat, ring) for ring in self.of(county))

    def county_at(self, counties: list[County], lng: float, lat: float) -> County | None:
        return next((c for c in counties if self.contains(c, lng, lat)), None)


def load_shapes(root: Path, shown: str, findings: list[Finding]) -> Shapes | None:
    path = root / shown
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Shapes({str(code): rings for code, rings in data["counties"].items()})
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        findings.append(Finding(shown, None, None, f"边界数据无法读取（{type(error).__name__}）；"
                                                  "请用 scripts/maps/extract_boundaries.py 重新生成"))
        return None


def inside(lng: float, lat: float, ring: Ring) -> bool:
    """Point in polygon, by ray casting."""
    hit = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def check_locations(villages: list[Village], counties: list[County], shapes: Shapes | None) -> list[Finding]:
    """A village whose location is outside its own county (a typo, map-app coordinates): told,
    naming the county the point is in. The village is kept. (Latitude and longitude swapped
    fail the schema first: a latitude over 90.)"""
    if shapes is None:
        return []
    by_name = {c.name: c for c in counties}
    findings = []
    for village in villages:
        location, county = village.data.get("location"), by_name.get(village.county)
        if not isinstance(location, dict) or county is None or not shapes.of(county):
            continue
        lat, lng = location["lat"], location["lng"]
        if shapes.contains(county, lng, lat):
            continue
        other = shapes.county_at(counties, lng, lat)
        where = f"在{other.name}境内" if other else "不在黄冈市的任何县（市、区）内"
        hint = "请核对坐标（是否抄错了数字）；高德、百度地图上取的坐标有偏移，请按编辑指南读取 WGS-84 坐标"
        findings.append(Finding(village.source, village.location_line, "location",
                                f"位置（纬度 {lat}，经度 {lng}）不在{county.name}境内，而{where}；{hint}"))
    return findings
