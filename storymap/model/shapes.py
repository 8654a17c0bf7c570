"""Shapes and points of places, and the map bounds that frame them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer

# [[south, west], [north, east]], as Leaflet's fitBounds takes it.
# A GeoJSON feature as read from the shape files.
Feature = dict[str, Any]
Bounds = tuple[tuple[float, float], tuple[float, float]]

SHAPE_FILES = ("countries.geojson", "units.geojson")
# A point is framed as a box this many degrees around it.
POINT_MARGIN_DEG = 1.5
# Polygon parts smaller than this share of a place's largest part do not widen its frame.
FRAME_MIN_PART_SHARE = 0.2


class ShapeIndex:
    """Every feature of the committed shape files, by place id, and the region where they are
    detailed (the `region` bounds the build writes into countries.geojson; None if it writes none)."""

    def __init__(self, features: dict[str, Feature], region: Bounds | None = None):
        self.features = features
        self.region = region
        self._geometries: dict[str, BaseGeometry] = {}

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.features

    def geometry(self, place_id: str) -> BaseGeometry:
        """The shapely geometry of a feature, parsed once."""
        if place_id not in self._geometries:
            self._geometries[place_id] = shape(self.features[place_id]["geometry"])
        return self._geometries[place_id]


def load_shapes(shapes_dir: Path) -> ShapeIndex:
    """Read the GeoJSON files written by `python -m geodata.build`."""
    features: dict[str, Feature] = {}
    region: Bounds | None = None
    for name in SHAPE_FILES:
        path = shapes_dir / name
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoryDataError(path, "shape file not found; run `python -m geodata.build`") from None
        except ValueError as exc:
            raise StoryDataError(path, f"is not valid GeoJSON ({exc})") from None
        for feature in collection["features"]:
            features[feature["properties"]["id"]] = feature
        if "region" in collection:
            (south, west), (north, east) = collection["region"]
            region = ((float(south), float(west)), (float(north), float(east)))
    return ShapeIndex(features, region)


def drawable(place_id: str, gazetteer: Gazetteer, shapes: ShapeIndex) -> bool:
    """Whether the map can draw a place: a city by its point, anything else by a shape the build made."""
    return gazetteer[place_id].point is not None or place_id in shapes


def place_geometry(place_id: str, gazetteer: Gazetteer, shapes: ShapeIndex) -> BaseGeometry:
    """A city's point or a region's shape."""
    place = gazetteer[place_id]
    if place.point is not None:
        lat, lon = place.point
        return Point(lon, lat)
    return shapes.geometry(place_id)


def frame_bounds(geometries: Iterable[BaseGeometry]) -> Bounds | None:
    """Bounds that frame the main body of each geometry (far islands and exclaves aside)."""
    boxes = [_main_box(g) for g in geometries]
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    return ((round(south, 4), round(west, 4)), (round(north, 4), round(east, 4)))


def _main_box(geom: BaseGeometry) -> tuple[float, float, float, float]:
    if geom.geom_type == "Point":
        x, y = geom.x, geom.y
        return (x - POINT_MARGIN_DEG, y - POINT_MARGIN_DEG, x + POINT_MARGIN_DEG, y + POINT_MARGIN_DEG)
    parts = list(shapely.get_parts(geom))
    largest = max(p.area for p in parts)
    main = [p for p in parts if p.area >= FRAME_MIN_PART_SHARE * largest]
    minx, miny, maxx, maxy = shapely.union_all(main).bounds
    return (float(minx), float(miny), float(maxx), float(maxy))


def label_anchor(geom: BaseGeometry) -> Point:
    """Where a label goes: the point itself, or a point inside the largest part of a shape."""
    if geom.geom_type == "Point":
        return geom
    largest = max(shapely.get_parts(geom), key=lambda part: part.area)
    return largest.representative_point()
