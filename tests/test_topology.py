"""The shapes as the browser fetches them: which chunk holds what, and what a chunk is."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from shapely.geometry import box, shape

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.publish.topology import ShapeChunk, shape_chunks

COUNTRIES = Path(__file__).resolve().parent.parent / "geodata" / "shapes" / "countries.geojson"


def _ids(chunk: ShapeChunk) -> list[str]:
    topology = json.loads(chunk.topology)
    return [g["properties"]["id"] for g in topology["objects"]["shapes"]["geometries"]]


@pytest.fixture(scope="module")
def chunks(shapes: ShapeIndex, resolved: ResolvedStory) -> tuple[ShapeChunk, ...]:
    return shape_chunks(shapes, resolved)


def test_the_region_comes_first_and_the_world_after(chunks: tuple[ShapeChunk, ...]) -> None:
    assert [c.stem for c in chunks] == ["region", "world"]
    assert chunks[0].within == ((15.0, 20.0), (55.0, 72.0))  # the views window of geodata/build.py
    assert chunks[1].within is None


def test_the_region_chunk_draws_everything_inside_the_region(chunks: tuple[ShapeChunk, ...]) -> None:
    """Every country reaching into the window is in the first chunk, read from the source file."""
    window = box(20.0, 15.0, 72.0, 55.0)
    source = json.loads(COUNTRIES.read_text(encoding="utf-8"))["features"]
    reaching = {f["properties"]["id"] for f in source if shape(f["geometry"]).intersects(window)}
    assert {"ISR", "AZE", "ARM", "IRN", "TUR", "RUS", "GEO", "EGY"} <= reaching
    region, world = (set(_ids(c)) for c in chunks)
    assert reaching <= region
    assert not region & world
    assert {"USA", "FRA", "ZAF", "BRA"} <= world
    assert region | world >= {f["properties"]["id"] for f in source if f["geometry"]["type"] != "GeometryCollection"}


def test_only_the_units_the_story_highlights_are_sent(
    chunks: tuple[ShapeChunk, ...], resolved: ResolvedStory, shapes: ShapeIndex
) -> None:
    sent = {i for c in chunks for i in _ids(c)}
    units = {i for i, f in shapes.features.items() if f["properties"]["kind"] != "country"}
    assert sent & units == {"nagorno-karabakh", "AM-SU", "AZ-NX", "south-caucasus"}
    highlighted = {p.id for s in resolved.sections for p in s.places}
    assert highlighted <= sent | {"baku", "jerusalem"}  # cities are points, in the places index


def test_a_chunk_is_quantised_topology(chunks: tuple[ShapeChunk, ...]) -> None:
    """Positions are integers on a grid (delta-encoded), borders shared by two countries stored once."""
    topology = json.loads(chunks[0].topology)
    assert topology["type"] == "Topology" and set(topology["transform"]) == {"scale", "translate"}
    assert all(isinstance(v, int) for arc in topology["arcs"][:50] for point in arc for v in point)
    used = [i if i >= 0 else ~i for g in topology["objects"]["shapes"]["geometries"] for i in _arc_refs(g["arcs"])]
    assert len(used) - len(set(used)) > 50  # arcs drawn for two shapes: the borders between countries


def test_the_region_chunk_is_small(chunks: tuple[ShapeChunk, ...]) -> None:
    """Its bytes as a CDN sends them; GeoJSON of the same shapes was about 150 KB gzipped."""
    assert len(gzip.compress(chunks[0].topology, 6)) < 40_000


def _arc_refs(arcs: object) -> list[int]:
    if isinstance(arcs, int):
        return [arcs]
    assert isinstance(arcs, list)
    return [i for a in arcs for i in _arc_refs(a)]
