"""The handout's static section maps against the live map: Web Mercator positions and the palette's
dashes, checked with the closed-form projection rather than the module's own pyproj transformer."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from storymap.model.resolve import ResolvedPlace, ResolvedSection, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Role
from storymap.render.palette import APPROXIMATE_DASH, ROLE_STYLE
from storymap.render.svgmap import MAP_HEIGHT, MAP_WIDTH, section_svg

SVG = "{http://www.w3.org/2000/svg}"
EARTH_RADIUS_M = 6378137.0
# Drawn outlines are simplified to 0.6 px and written to 0.1 px.
OUTLINE_SLACK_PX = 1.0


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    """Spherical Web Mercator (EPSG:3857) in metres, written out: x = Rλ, y = R ln tan(π/4 + φ/2)."""
    return EARTH_RADIUS_M * math.radians(lon), EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _drawn(svg: str) -> dict[str, ET.Element]:
    """The SVG's highlighted places by id."""
    root = ET.fromstring(svg)
    return {el.attrib["data-place"]: el for el in root.iter() if "data-place" in el.attrib}


def _path_box(element: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a path's points, in SVG pixels."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.attrib["d"])]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _cities(resolved: ResolvedStory) -> list[ResolvedPlace]:
    """Every distinct city of the story, by its point."""
    found = {p.id: p for s in resolved.sections for p in s.places if p.point}
    return sorted(found.values(), key=lambda p: p.point or (0.0, 0.0))


def _section(resolved: ResolvedStory, section_id: str) -> ResolvedSection:
    return next(s for s in resolved.sections if s.id == section_id)


def test_svg_keeps_its_frame(resolved: ResolvedStory, shapes: ShapeIndex) -> None:
    root = ET.fromstring(section_svg(resolved.sections[0], shapes))
    assert root.attrib["viewBox"] == f"0 0 {MAP_WIDTH} {MAP_HEIGHT}" and root.attrib["role"] == "img"
    assert (root.findtext(f"{SVG}title") or "").startswith("Map: ")


def test_cities_lie_where_mercator_puts_them_whatever_the_frame(resolved: ResolvedStory, shapes: ShapeIndex) -> None:
    """Two cities' vertical-to-horizontal offset is the Mercator one in every section's frame; a
    linear projection squashed by one latitude's cosine drifts from it as the frame moves away."""
    cities = _cities(resolved)
    assert len(cities) >= 2, "the story needs two cities for this test"
    south, north = cities[0], cities[-1]
    assert south.point and north.point and north.point[0] - south.point[0] > 5, "the cities need to differ in latitude"
    (x1, y1), (x2, y2) = _mercator(south.point[1], south.point[0]), _mercator(north.point[1], north.point[0])
    expected = (y2 - y1) / (x2 - x1)
    for frame in resolved.sections:
        section = frame.model_copy(update={"places": [south, north]})
        drawn = _drawn(section_svg(section, shapes))
        a, b = drawn[south.id], drawn[north.id]
        assert a.tag == b.tag == f"{SVG}circle"
        dx = float(b.attrib["cx"]) - float(a.attrib["cx"])
        dy = float(a.attrib["cy"]) - float(b.attrib["cy"])  # SVG y points down
        assert dy / dx == pytest.approx(expected, rel=0.01), frame.id


def test_dashes_follow_the_palette_and_approximate_wins(resolved: ResolvedStory, shapes: ShapeIndex) -> None:
    seen: dict[tuple[Role, bool], set[str | None]] = {}
    for section in resolved.sections:
        drawn = _drawn(section_svg(section, shapes))
        for place in section.places:
            if place.id in drawn:
                seen.setdefault((place.role, place.approximate), set()).add(drawn[place.id].get("stroke-dasharray"))
    assert seen[(Role.FOCUS, False)] == {None} and ROLE_STYLE[Role.FOCUS]["dashArray"] is None
    assert seen[(Role.CONTEXT, False)] == {ROLE_STYLE[Role.CONTEXT]["dashArray"]} == {"5 4"}
    approximate = set().union(*(dashes for (_, approx), dashes in seen.items() if approx))
    assert approximate == {APPROXIMATE_DASH}


def test_section_places_are_drawn_over_the_mercator_box_of_their_shapes(
    resolved: ResolvedStory, shapes: ShapeIndex
) -> None:
    """In the section whose frame spans the most latitude, every wholly visible shape's drawn box is one
    uniform scaling of its Mercator box: the same scale both ways, the same offset for all of them."""
    section = max(resolved.sections, key=lambda s: s.bounds[1][0] - s.bounds[0][0])
    drawn = _drawn(section_svg(section, shapes))
    pairs = []
    for place in section.places:
        if place.id not in drawn or place.point:
            continue
        box = _path_box(drawn[place.id])
        if box[0] > 1 and box[1] > 1 and box[2] < MAP_WIDTH - 1 and box[3] < MAP_HEIGHT - 1:
            west, south, east, north = shapes.geometry(place.id).bounds
            pairs.append((place.id, _mercator(west, north), _mercator(east, south), box))
    assert len(pairs) >= 2, f"{section.id} needs two wholly visible shapes"
    # Fix the scale and offset from the widest shape, then predict every other one.
    _, (west_m, north_m), (east_m, south_m), (left, top, right, bottom) = max(pairs, key=lambda p: p[2][0] - p[1][0])
    scale = (right - left) / (east_m - west_m)
    assert (bottom - top) / (north_m - south_m) == pytest.approx(scale, rel=0.01)
    for place_id, (w, n), (e, s), box in pairs:
        xs = [left + (x - west_m) * scale for x in (w, e)]
        ys = [top + (north_m - y) * scale for y in (n, s)]
        assert box == pytest.approx((xs[0], ys[0], xs[1], ys[1]), abs=OUTLINE_SLACK_PX), place_id
