"""A section's map as a small static SVG: countries around its bounds, its places highlighted in
the palette of the live map. Used by the handout, the link previews and the image downloads."""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from storymap.model.resolve import ResolvedSection
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Role
from storymap.render.palette import BORDER, LAND, ROLE_STYLE, SEA

MAP_WIDTH = 600
MAP_HEIGHT = 300
# Degrees added around a section's bounds, as a share of their size, so neighbours show.
VIEW_MARGIN = 0.35
PRINT_TOLERANCE_PX = 0.6


def section_svg(section: ResolvedSection, shapes: ShapeIndex) -> str:
    """A small static map of a section: countries around its bounds, its places highlighted."""
    (south, west), (north, east) = section.bounds
    view = _padded_view(south, west, north, east)
    project = _projection(view)
    parts = [f"<rect width='{MAP_WIDTH}' height='{MAP_HEIGHT}' fill='{SEA}'/>"]
    window = box(*view)
    for place_id, feature in shapes.features.items():
        if feature["properties"]["kind"] != "country":
            continue
        geom = shapes.geometry(place_id)
        if geom.intersects(window):
            parts.append(
                _path(geom.intersection(window), project, f"fill='{LAND}' stroke='{BORDER}' stroke-width='0.6'")
            )
    ordered = sorted(section.places, key=lambda p: p.role is Role.FOCUS)
    for place in ordered:
        style = ROLE_STYLE[place.role]
        dash = " stroke-dasharray='4 3'" if place.approximate or style["dashArray"] else ""
        paint = (
            f"fill='{style['fillColor']}' fill-opacity='{style['fillOpacity']}' stroke='{style['color']}' "
            f"stroke-width='{style['weight']}'{dash}"
        )
        if place.point:
            x, y = project(place.point[1], place.point[0])
            parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='5' {paint}/>")
        elif place.id in shapes:
            geom = shapes.geometry(place.id)
            if geom.intersects(window):
                parts.append(_path(geom.intersection(window), project, paint))
    title = escape(f"Map: {', '.join(p.name for p in section.places) or 'the region'}")
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {MAP_WIDTH} {MAP_HEIGHT}' role='img'>"
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def _padded_view(south: float, west: float, north: float, east: float) -> tuple[float, float, float, float]:
    """A view around the bounds with the map's aspect ratio (in projected units)."""
    pad_x, pad_y = (east - west) * VIEW_MARGIN + 0.5, (north - south) * VIEW_MARGIN + 0.5
    west, east, south, north = west - pad_x, east + pad_x, max(-85.0, south - pad_y), min(85.0, north + pad_y)
    squash = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * squash, north - south
    target = MAP_WIDTH / MAP_HEIGHT
    if width / height < target:
        grow = (height * target / squash - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = (width / target - height) / 2
        south, north = south - grow, north + grow
    return (west, south, east, north)


Projection = Callable[[float, float], tuple[float, float]]


def _projection(view: tuple[float, float, float, float]) -> Projection:
    """Longitude and latitude to SVG pixels, linear within the view (its aspect already corrected)."""
    west, south, east, north = view

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * MAP_WIDTH, (north - lat) / (north - south) * MAP_HEIGHT)

    return project


def _path(geom: BaseGeometry, project: Projection, paint: str) -> str:
    commands = []
    for polygon in shapely.get_parts(geom):
        if polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [project(x, y) for x, y in ring.coords]
            simplified = shapely.simplify(shapely.LineString(points), PRINT_TOLERANCE_PX)
            coords = list(simplified.coords)
            if len(coords) < 3:
                continue
            commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return f"<path d='{''.join(commands)}' {paint} fill-rule='evenodd'/>" if commands else ""
