"""The shapes as the browser fetches them: TopoJSON in chunks, the story's region first.

A first visit should not wait for the whole world. The shapes a story's map draws are split in
two: every country that reaches into the geodata's region (its `region` bounds, where its detail
is), with the story's own units and regions there, and then the rest of the world. Together the
first chunk draws everything inside the region, so a view that stays inside it needs no other;
the map fetches the rest after its first frame (storymap/assets/map/topology.js decodes them).

TopoJSON stores each border shared by two shapes once, with quantised, delta-encoded positions:
about a third of the GeoJSON's bytes after gzip.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from shapely.geometry import box
from topojson.core.topology import Topology

from storymap.model.gazetteer import PlaceKind
from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import Bounds, Feature, ShapeIndex

# Positions on a grid of this many steps across a chunk's extent: 0.0072 degrees for a chunk that
# spans the world, two thirds of a pixel at the closest zoom the story's map frames (7).
QUANTISATION = 50_000


@dataclass(frozen=True)
class ShapeChunk:
    """One file of shapes, and the bounds inside which it and the chunks before it draw everything
    (None: everywhere)."""

    stem: str
    within: Bounds | None
    topology: bytes


def shape_chunks(shapes: ShapeIndex, story: ResolvedStory) -> tuple[ShapeChunk, ...]:
    """Every country, and the units and regions the story highlights, in chunks nearest first."""
    return _chunks(shapes, frozenset(place.id for section in story.sections for place in section.places))


@functools.lru_cache(maxsize=8)
def _chunks(shapes: ShapeIndex, used: frozenset[str]) -> tuple[ShapeChunk, ...]:
    """Encoding takes a second or two; an edit to the story's text reuses the last one."""
    drawn = [
        place_id
        for place_id, feature in shapes.features.items()
        if feature["properties"]["kind"] == PlaceKind.COUNTRY.value or place_id in used
    ]
    if shapes.region is None:
        return (ShapeChunk("shapes", None, encode([shapes.features[i] for i in drawn])),)
    (south, west), (north, east) = shapes.region
    window = box(west, south, east, north)
    reaching = {i: shapes.geometry(i).intersects(window) for i in drawn}
    near = [shapes.features[i] for i in drawn if reaching[i]]
    far = [shapes.features[i] for i in drawn if not reaching[i]]
    return ShapeChunk("region", shapes.region, encode(near)), ShapeChunk("world", None, encode(far))


def encode(features: list[Feature]) -> bytes:
    """A TopoJSON topology of the features: one object, `shapes`, each geometry with its place id
    and kind (all the map reads of them)."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": f["properties"]["id"], "kind": f["properties"]["kind"]},
                "geometry": f["geometry"],
            }
            for f in sorted(features, key=lambda f: str(f["properties"]["id"]))
        ],
    }
    topology: dict[str, Any] = Topology(
        collection, object_name="shapes", prequantize=QUANTISATION, topology=True, toposimplify=False
    ).to_dict()
    for geometry in topology["objects"]["shapes"]["geometries"]:
        geometry.pop("id", None)  # the package's own numbering; the place id is in the properties
    return json.dumps(topology, separators=(",", ":")).encode("utf-8")
