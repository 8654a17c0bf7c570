"""A section's map as a small static SVG: countries around its bounds, its places highlighted in
the palette of the live map and in its Web Mercator projection, so the handout, the link previews
and the image downloads look like the map beside them. Used by the handout, `images.py` and the
Embed page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from storymap.model.resolve import ResolvedPlace, ResolvedSection
from storymap.model.shapes import Bounds, ShapeIndex
from storymap.model.story import Role
from storymap.render.palette import APPROXIMATE_DASH, BORDER, LAND, ROLE_STYLE, SEA

MAP_WIDTH = 600
MAP_HEIGHT = 300
# Added around a section's bounds, as a share of their projected size, so neighbours show.
VIEW_MARGIN = 0.35
# ...plus this much on every side, in degrees of longitude (Mercator metres are alike both ways).
MIN_PAD_DEG = 0.5
# Web Mercator runs to infinity at the poles; the view stops where tiled maps do, near here.
MAX_LAT = 85.0
PRINT_TOLERANCE_PX = 0.6
POINT_RADIUS_PX = 5

Coords = NDArray[np.float64]


@cache
def _mercator() -> Transformer:
    """Longitude/latitude to Web Mercator metres, the live Leaflet map's projection; built once."""
    return Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


@dataclass(frozen=True)
class _View:
    """The map's window in Web Mercator metres, mapped linearly onto the SVG's pixels."""

    west: float
    south: float
    east: float
    north: float

    def pixels(self, lonlat: Coords) -> Coords:
        """An (n, 2) array of longitude/latitude as SVG pixels, y pointing down."""
        x, y = _mercator().transform(lonlat[:, 0], lonlat[:, 1])
        px = (np.asarray(x) - self.west) / (self.east - self.west) * MAP_WIDTH
        py = (self.north - np.asarray(y)) / (self.north - self.south) * MAP_HEIGHT
        return np.column_stack([px, py])

    def window(self) -> BaseGeometry:
        """The view as a longitude/latitude box: Mercator keeps meridians and parallels straight."""
        (west, east), (south, north) = _mercator().transform(
            [self.west, self.east], [self.south, self.north], direction="INVERSE"
        )
        return box(west, south, east, north)


def section_svg(section: ResolvedSection, shapes: ShapeIndex) -> str:
    """A small static map of a section: countries around its bounds, its places highlighted."""
    view = _view(section.bounds)
    window = view.window()
    parts = [f"<rect width='{MAP_WIDTH}' height='{MAP_HEIGHT}' fill='{SEA}'/>"]
    land = f"fill='{LAND}' stroke='{BORDER}' stroke-width='0.6'"
    parts += [_path(geom, view, land) for geom in _countries(shapes, window)]
    # Context first, so the places in focus end up drawn on top, as on the live map.
    for place in sorted(section.places, key=lambda p: p.role is Role.FOCUS):
        parts.append(_place(place, shapes, view, window))
    title = escape(f"Map: {', '.join(p.name for p in section.places) or 'the region'}")
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {MAP_WIDTH} {MAP_HEIGHT}' role='img'>"
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def _view(bounds: Bounds) -> _View:
    """The bounds in Mercator metres, padded so neighbours show and grown to the map's aspect."""
    (south, west), (north, east) = bounds
    transform = _mercator().transform
    (x0, x1), (y0, y1) = transform([west, east], [max(-MAX_LAT, south), min(MAX_LAT, north)])
    min_pad = transform(MIN_PAD_DEG, 0.0)[0]
    y_limit = transform(0.0, MAX_LAT)[1]
    pad_x, pad_y = (x1 - x0) * VIEW_MARGIN + min_pad, (y1 - y0) * VIEW_MARGIN + min_pad
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, max(-y_limit, y0 - pad_y), min(y_limit, y1 + pad_y)
    target = MAP_WIDTH / MAP_HEIGHT
    if (x1 - x0) / (y1 - y0) < target:
        grow = ((y1 - y0) * target - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / target - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return _View(x0, y0, x1, y1)


def _countries(shapes: ShapeIndex, window: BaseGeometry) -> list[BaseGeometry]:
    """Every country's shape cut to the window: the basemap under the section's places."""
    countries = [pid for pid, feature in shapes.features.items() if feature["properties"]["kind"] == "country"]
    geoms = np.array([shapes.geometry(pid) for pid in countries], dtype=object)
    inside = geoms[shapely.intersects(geoms, window)]
    return list(shapely.intersection(inside, window))


def _place(place: ResolvedPlace, shapes: ShapeIndex, view: _View, window: BaseGeometry) -> str:
    """A place in its role's colours and dashes: a dot for a city, its shape cut to the window otherwise."""
    paint = _paint(place)
    if place.point:
        lat, lon = place.point
        [[x, y]] = view.pixels(np.array([[lon, lat]]))
        return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{POINT_RADIUS_PX}' {paint}/>"
    if place.id in shapes:
        geom = shapes.geometry(place.id)
        if geom.intersects(window):
            return _path(geom.intersection(window), view, paint)
    return ""


def _paint(place: ResolvedPlace) -> str:
    """SVG paint attributes from the palette, with the dash rule of map/highlights.js's `highlight`
    (an approximate outline's dash replaces the role's), tagged with the place like the live map's."""
    style = ROLE_STYLE[place.role]
    dash = APPROXIMATE_DASH if place.approximate else style["dashArray"]
    dashed = f" stroke-dasharray='{dash}'" if dash else ""
    return (
        f"data-place='{escape(place.id)}' data-role='{place.role.value}' "
        f"fill='{style['fillColor']}' fill-opacity='{style['fillOpacity']}' stroke='{style['color']}' "
        f"stroke-width='{style['weight']}'{dashed}"
    )


def _path(geom: BaseGeometry, view: _View, paint: str) -> str:
    """One SVG path for a (multi)polygon's rings, projected whole and simplified in pixels for print."""
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not polygons:
        return ""
    rings = [ring for polygon in polygons for ring in [polygon.exterior, *polygon.interiors]]
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    projected = shapely.linearrings(view.pixels(coords), indices=ring_of)
    # Topology-preserving, so no ring collapses: an island under a pixel stays a speck, not a gap.
    simplified = shapely.simplify(projected, PRINT_TOLERANCE_PX)
    commands = ("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in shapely.get_coordinates(r)) + "Z" for r in simplified)
    return f"<path d='{''.join(commands)}' {paint} fill-rule='evenodd'/>"
