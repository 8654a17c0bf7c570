"""The committed shapes: valid, where they belong, aligned with their neighbours, small."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box, mapping
from shapely.geometry.base import BaseGeometry

from geodata.build import NK_REFERENCE_KM2, REGION_WINDOW, area_km2, unit_id
from storymap.model.gazetteer import Gazetteer
from storymap.model.shapes import ShapeIndex, frame_bounds, place_geometry

SHAPES = Path(__file__).resolve().parent.parent / "geodata" / "shapes"
# Neighbours share their border exactly. A gap shows as outline that runs close to the
# neighbour without touching it: at most GAP_SLACK_DEG of it in total (the few hundred
# metres at each end of a border, where a third country begins) within NEAR_DEG (~500 m).
NEAR_DEG = 0.005
TOUCH_DEG = 1e-7
GAP_SLACK_DEG = 0.05
NEIGHBOURS = [
    ("ARM", "AZE"),
    ("ARM", "IRN"),
    ("AZE", "IRN"),
    ("ARM", "TUR"),
    ("ARM", "GEO"),
    ("AZE", "GEO"),
    ("AZE", "RUS"),
    ("TUR", "IRN"),
    ("ISR", "PSE"),
    ("ISR", "SYR"),
    ("ISR", "LBN"),
    ("ISR", "JOR"),
    ("RUS", "UKR"),
    ("nagorno-karabakh", "AZ-LAC"),
    ("AM-SU", "AZ-LAC"),
    ("AM-SU", "IRN"),
]


def test_every_shape_is_valid(shapes: ShapeIndex) -> None:
    invalid = [pid for pid in shapes.features if not shapes.geometry(pid).is_valid]
    assert invalid == []


@pytest.mark.parametrize(("inner", "outer"), [("nagorno-karabakh", "AZE"), ("AM-SU", "ARM")])
def test_region_lies_inside_its_country(shapes: ShapeIndex, inner: str, outer: str) -> None:
    assert shapes.geometry(inner).difference(shapes.geometry(outer)).area < 1e-9


def test_syunik_touches_iran_and_carries_armenias_whole_border(shapes: ShapeIndex) -> None:
    iran = shapes.geometry("IRN").boundary
    syunik_border = shapes.geometry("AM-SU").boundary.intersection(iran).length
    armenia_border = shapes.geometry("ARM").boundary.intersection(iran).length
    assert syunik_border > 0.3
    assert syunik_border == pytest.approx(armenia_border, rel=1e-6)


@pytest.mark.parametrize(
    ("place_id", "country"),
    [pytest.param("baku", "AZE", id="baku"), pytest.param("jerusalem", "ISR", id="jerusalem")],
)
def test_city_points_fall_in_their_country(
    gazetteer: Gazetteer, shapes: ShapeIndex, place_id: str, country: str
) -> None:
    point = place_geometry(place_id, gazetteer, shapes)
    assert shapes.geometry(country).contains(point)


def test_jerusalem_point_is_by_the_west_bank(gazetteer: Gazetteer, shapes: ShapeIndex) -> None:
    point = place_geometry("jerusalem", gazetteer, shapes)
    assert shapes.geometry("PSE").distance(point) < 0.1


@pytest.mark.parametrize(("a", "b"), NEIGHBOURS, ids=[f"{a}-{b}" for a, b in NEIGHBOURS])
def test_neighbours_meet_without_gaps_or_overlaps(shapes: ShapeIndex, a: str, b: str) -> None:
    first, second = shapes.geometry(a), shapes.geometry(b)
    assert first.intersection(second).area < 1e-9
    assert _gap(first, second) <= GAP_SLACK_DEG
    assert _gap(second, first) <= GAP_SLACK_DEG


def _gap(shape: BaseGeometry, neighbour: BaseGeometry) -> float:
    """Length of the shape's outline that runs near the neighbour without lying on its outline."""
    outline = shape.boundary
    near = outline.intersection(neighbour.buffer(NEAR_DEG)).length
    shared = outline.intersection(neighbour.boundary.buffer(TOUCH_DEG)).length
    assert shared > 0, "the two shapes do not meet at all"
    return float(near - shared)


def test_gap_check_can_fail(shapes: ShapeIndex) -> None:
    """Armenia nudged 200 m west opens a gap along the Azerbaijani border."""
    moved = shapely.affinity.translate(shapes.geometry("ARM"), xoff=-0.002)
    assert _gap(moved, shapes.geometry("AZE")) > GAP_SLACK_DEG


def test_recognised_borders(shapes: ShapeIndex) -> None:
    simferopol, katzrin = Point(34.10, 44.95), Point(35.69, 32.99)
    assert shapes.geometry("UKR").contains(simferopol) and not shapes.geometry("RUS").contains(simferopol)
    assert shapes.geometry("SYR").contains(katzrin) and not shapes.geometry("ISR").contains(katzrin)


def test_karabakh_outline_is_close_to_the_oblast_area(shapes: ShapeIndex) -> None:
    km2 = area_km2(shapes.geometry("nagorno-karabakh"))
    assert abs(km2 - NK_REFERENCE_KM2) / NK_REFERENCE_KM2 < 0.10


def test_region_shapes_stay_under_400_kb(shapes: ShapeIndex) -> None:
    """Everything drawn inside the story's region, serialised as the app serves it."""
    size = 0
    for pid in shapes.features:
        clipped = shapes.geometry(pid).intersection(REGION_WINDOW)
        if not clipped.is_empty:
            size += len(json.dumps(mapping(clipped), separators=(",", ":")))
    assert size < 400_000


def test_far_countries_are_coarser_than_near_ones(shapes: ShapeIndex) -> None:
    def vertices_per_degree(pid: str) -> float:
        geom = shapes.geometry(pid)
        return float(len(shapely.get_coordinates(geom)) / geom.length)

    assert vertices_per_degree("USA") < vertices_per_degree("ARM") / 3


def test_frame_bounds_ignore_far_islands(shapes: ShapeIndex) -> None:
    (south, west), (north, east) = frame_bounds([shapes.geometry("FRA")]) or ((0, 0), (0, 0))
    assert box(west, south, east, north).contains(Point(2.35, 48.85))  # Paris
    assert west > -10  # French Guiana and the other overseas regions are left out


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"iso_3166_2": "AM-SU", "adm1_code": "ARM-1732"}, "AM-SU", id="iso"),
        pytest.param({"iso_3166_2": "AZ-X01~", "adm1_code": "AZE-5565"}, "AZE-5565", id="invalid-iso"),
        pytest.param({"iso_3166_2": "", "adm1_code": "AZE-5565"}, "AZE-5565", id="empty-iso"),
    ],
)
def test_unit_id(props: dict, expected: str) -> None:
    assert unit_id(props) == expected


def test_unit_ids_are_unique() -> None:
    ids = [f["properties"]["id"] for f in json.loads((SHAPES / "units.geojson").read_text())["features"]]
    assert len(ids) == len(set(ids))
