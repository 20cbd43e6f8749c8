"""The map of the model villages: county shapes and village markers as an SVG made at build time.

Pure: content (counties, their shapes, villages with a location) in, the data
of ``overrides/fragments/map.html`` out. No tiles, no script: links, titles
and labels that show on hover and focus. A project without shapes gets none.
"""

from __future__ import annotations

import math
from typing import Callable

from ..content.boundaries import Shapes
from ..content.model import Content, County, Village
from .fragments import Fragments
from .plan import county_uri, village_uri

WIDTH = 640  # of the viewBox; the SVG scales to the page
PAD = 12
MARKER = 11


def map_svg(content: Content, fragments: Fragments, link: Callable[[str], str], ident: str,
            focus: County | None = None) -> str:
    """The map, or "" without shapes. ``link``: a page's path -> its address from this page;
    ``focus``: one county only (its page), with its villages."""
    shapes: Shapes | None = content.shapes
    if shapes is None:
        return ""
    counties = [focus] if focus is not None else content.county_list
    counties = [c for c in counties if shapes.of(c)]
    if not counties:
        return ""
    rings = [ring for c in counties for ring in shapes.of(c)]
    west, east = min(p[0] for r in rings for p in r), max(p[0] for r in rings for p in r)
    south, north = min(p[1] for r in rings for p in r), max(p[1] for r in rings for p in r)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 2 * PAD) / ((east - west) * squeeze)
    height = round((north - south) * scale + 2 * PAD)

    def at(lng: float, lat: float) -> tuple[float, float]:
        return (lng - west) * squeeze * scale + PAD, (north - lat) * scale + PAD

    drawn = []
    for county in counties:
        projected = [[at(*p) for p in ring] for ring in shapes.of(county)]
        villages = content.counties.get(county.name, [])
        x, y = _centroid(max(projected, key=_area))
        drawn.append({
            "name": county.name, "count": len(villages), "x": round(x, 1), "y": round(y, 1),
            "d": " ".join("M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in ring) + "Z" for ring in projected),
            "href": link(county_uri(county.name)) if villages and focus is None else None,
        })
    names = {c.name for c in counties}
    markers = [_marker(v, content, link, at) for v in content.villages
               if v.county in names and isinstance(v.data.get("location"), dict)]
    used = {m["category"] for m in markers}
    legend = [{"name": c.name, "color": c.color, "shape": _shape(c.marker, 9, 9, MARKER)}
              for c in content.categories if c.name in used]
    title = f"{focus.name}示范村分布图" if focus else "黄冈市示范村分布图"
    return fragments.render("map.html", ident=ident, width=WIDTH, height=height, title=title, counties=drawn,
                            markers=markers, legend=legend, focus=focus is not None)


def _marker(village: Village, content: Content, link, at) -> dict:
    category = content.category(village.category)
    x, y = at(village.data["location"]["lng"], village.data["location"]["lat"])
    return {"name": village.name, "href": link(village_uri(village.slug)), "category": category.name,
            "color": category.color, "shape": _shape(category.marker, x, y, MARKER),
            "x": round(x, 1), "y": round(y - MARKER - 4, 1)}


def _shape(kind: str, x: float, y: float, r: float) -> dict:
    """An SVG element for a marker: circle, square, triangle, diamond or star."""
    if kind == "circle":
        return {"tag": "circle", "cx": round(x, 1), "cy": round(y, 1), "r": r}
    if kind == "square":
        corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        points = [(x + dx * r * .85, y + dy * r * .85) for dx, dy in corners]
    elif kind == "triangle":
        points = [(x + r * 1.15 * math.sin(a), y - r * 1.15 * math.cos(a)) for a in (0, 2 * math.pi / 3, 4 * math.pi / 3)]
    elif kind == "diamond":
        points = [(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)]
    else:  # star
        points = [(x + (r * 1.2 if i % 2 == 0 else r * .5) * math.sin(i * math.pi / 5),
                   y - (r * 1.2 if i % 2 == 0 else r * .5) * math.cos(i * math.pi / 5)) for i in range(10)]
    return {"tag": "polygon", "points": " ".join(f"{px:.1f},{py:.1f}" for px, py in points)}


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    cross = [(x1 * y2 - x2 * y1, x1 + x2, y1 + y2) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])]
    area = sum(c for c, _, _ in cross) / 2 or 1e-9
    return sum(c * sx for c, sx, _ in cross) / (6 * area), sum(c * sy for c, _, sy in cross) / (6 * area)
