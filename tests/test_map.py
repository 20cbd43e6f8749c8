"""The map of the model villages: county shapes from the boundary data, village markers, links, checks."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from conftest import REPO, village_yaml
from publisher.content.boundaries import inside
from testkit.browser import PHONE, serving

SHAPES = json.loads((REPO / "villages/boundaries.json").read_text(encoding="utf-8"))["counties"]
CODES = {"罗田县": "421123", "英山县": "421124", "麻城市": "421181", "蕲春县": "421126"}


def _inside_point(county: str) -> tuple[float, float]:
    """A point inside the county's largest ring (searched on a grid), as (lat, lng)."""
    ring = max(SHAPES[CODES[county]], key=len)
    west, east = min(p[0] for p in ring), max(p[0] for p in ring)
    south, north = min(p[1] for p in ring), max(p[1] for p in ring)
    for i in range(1, 20):
        for j in range(1, 20):
            lng, lat = west + (east - west) * i / 20, south + (north - south) * j / 20
            if inside(lng, lat, ring) and sum(inside(lng + dx, lat + dy, ring) for dx in (-.02, .02) for dy in (-.02, .02)) == 4:
                return round(lat, 4), round(lng, 4)
    raise AssertionError(county)


def _location(county: str) -> str:
    lat, lng = _inside_point(county)
    return f"  lat: {lat}\n  lng: {lng}"


@pytest.fixture
def mapped(project):
    project.write("villages/boundaries.json", (REPO / "villages/boundaries.json").read_text(encoding="utf-8"))
    project.village("huahebian", village_yaml(name="花河边村", location=_location("罗田县")))
    project.village("feiyue", village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县",
                                           location=_location("蕲春县")))
    project.village("wuxianmiao", village_yaml(name="五显庙村", category="red-culture", county="英山县"))  # no location
    return project


def _svg(project, url):
    return project.page(url).select_one("svg.hg-map__svg")


def test_the_map_has_a_linked_shape_per_county_and_a_marker_per_located_village(mapped):
    assert mapped.build(strict=True) == []
    for url in ("villages/", ""):
        svg = _svg(mapped, url)
        assert svg is not None, url
        shapes = svg.select(".hg-map__county")
        assert len(shapes) == len(SHAPES) == 10  # every county of the counties file with a shape
        linked = {a["aria-label"].split("：")[0]: a["href"] for a in svg.select("a.hg-map__county")}
        assert set(linked) == {"罗田县", "蕲春县", "英山县"}  # the counties with villages
        markers = {a["aria-label"]: a["href"] for a in svg.select("a.hg-map__village")}
        assert set(markers) == {"花河边村（乡村治理类）", "飞跃村（特色产业类）"}
        # Every link resolves to a page of the site.
        page_dir = mapped.site / url
        for href in [*linked.values(), *markers.values()]:
            assert (page_dir / unquote(href) / "index.html").resolve().is_file(), href
        # Marker shapes differ by category (never colour alone); the legend names them.
        corners = {m["aria-label"]: len(m.polygon["points"].split()) for m in svg.select("a.hg-map__village")}
        assert corners == {"花河边村（乡村治理类）": 10, "飞跃村（特色产业类）": 3}  # a star, a triangle
        legend = mapped.page(url).select_one(".hg-map__legend").get_text()
        assert "乡村治理类" in legend and "特色产业类" in legend
    # Beside it, the list of counties stays.
    assert [a.get_text() for a in mapped.page("villages/").select(".hg-county-list a")] == ["罗田县", "英山县", "蕲春县"]
    # The county page: its own outline, its villages.
    county = _svg(mapped, "counties/罗田县/")
    assert len(county.select(".hg-map__county")) == 1
    assert [a["aria-label"] for a in county.select("a.hg-map__village")] == ["花河边村（乡村治理类）"]


def test_every_marker_lies_inside_its_county_in_the_data(mapped):
    assert mapped.build(strict=True) == []
    svg = _svg(mapped, "villages/")
    width, height = map(float, svg["viewbox"].split()[2:])
    paths = {a["aria-label"].split("：")[0]: a.path["d"] for a in svg.select("a.hg-map__county")}
    for marker in svg.select("a.hg-map__village"):
        shape = marker.find(["circle", "polygon"])
        if shape.name == "circle":
            x, y = float(shape["cx"]), float(shape["cy"])
        else:
            points = [tuple(map(float, p.split(","))) for p in shape["points"].split()]
            x, y = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        county = "罗田县" if marker["aria-label"].startswith("花河边村") else "蕲春县"
        rings = [[tuple(map(float, pt.split(","))) for pt in ring.strip().lstrip("M").split(" L")]
                 for ring in paths[county].split("Z") if ring.strip()]
        assert any(inside(x, y, [list(p) for p in ring]) for ring in rings), marker["aria-label"]
        assert 0 <= x <= width and 0 <= y <= height


def test_a_location_outside_its_county_is_told_with_the_county_it_falls_in(mapped):
    lat, lng = _inside_point("麻城市")
    mapped.village("daqiao", village_yaml(name="大桥村", location=f"  lat: {lat}\n  lng: {lng}"))  # says 罗田县
    mapped.village("swapped", village_yaml(name="写反村", location=f"  lat: {_inside_point('罗田县')[1]}\n"
                                                                   f"  lng: {_inside_point('罗田县')[0]}"))
    warnings = [w for w in mapped.build() if "location" in w]
    assert warnings[0].startswith(f"villages/daqiao/village.yml:6: location: 位置（纬度 {lat}，经度 {lng}）不在罗田县境内，而在麻城市境内")
    assert warnings[1].startswith("villages/swapped/village.yml:7: location.lat: ")
    assert "多半把两者写反了" in warnings[1]
    # The villages are published all the same.
    assert (mapped.site / "villages/daqiao/index.html").is_file()


def test_a_project_without_boundary_data_builds_without_a_map(project):
    project.village("huahebian", village_yaml(name="花河边村", location="  lat: 30.9\n  lng: 115.5"))
    assert project.build(strict=True) == []
    assert project.page("villages/").select_one("svg.hg-map__svg") is None
    assert [a.get_text() for a in project.page("villages/").select(".hg-county-list a")] == ["罗田县"]


def test_the_map_on_a_phone_and_without_javascript(mapped, browser):
    assert mapped.build(strict=True) == []
    axe = (REPO / "node_modules/axe-core/axe.min.js")
    with serving(mapped.site) as url:
        for script in (True, False):
            context = browser.new_context(java_script_enabled=script, **PHONE)
            page = context.new_page()
            page.goto(url + "villages/", wait_until="load")
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            box = page.locator("svg.hg-map__svg").bounding_box()
            assert box["width"] > 300
            marker = page.locator("a.hg-map__village").first
            marker.focus()
            assert page.locator("a.hg-map__village:focus .hg-map__village-name").evaluate(
                "e => getComputedStyle(e).visibility") == "visible"
            if script:
                page.add_script_tag(path=str(axe))
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert re.search(r"/villages/(huahebian|feiyue)/$", page.url)
            context.close()
