"""A printable handout: for each section a small map, the passage and the classroom material.

One self-contained HTML page (maps as inline SVG, no scripts, no outside requests) laid out to
print on A4 and on US Letter alike: the content is 180 mm wide, which fits both with 15 mm
margins, and no section is split across pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from storymap.classroom import SectionMaterial
from storymap.palette import BORDER, LAND, ROLE_STYLE, SEA
from storymap.resolve import ResolvedSection, ResolvedStory
from storymap.shapes import ShapeIndex
from storymap.story import Role

MAP_WIDTH = 600
MAP_HEIGHT = 300
# Degrees added around a section's bounds, as a share of their size, so neighbours show.
VIEW_MARGIN = 0.35
PRINT_TOLERANCE_PX = 0.6

_CSS = """
@page { margin: 15mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; margin: 0 auto; max-width: 180mm; }
header { border-bottom: 2px solid #111; margin-bottom: 6mm; }
.label { font: 700 8pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; }
h1 { font-size: 18pt; margin: 2mm 0; }
.meta, .ours, .note { font: 9pt system-ui, sans-serif; color: #444; }
section.handout-section { break-inside: avoid; page-break-inside: avoid; margin-bottom: 8mm; }
h2 { font-size: 13pt; margin: 0 0 2mm; }
figure { margin: 0 0 2mm; }
svg { width: 100%; height: auto; border: 1px solid #999; }
figcaption { font: 8.5pt system-ui, sans-serif; color: #333; }
.questions { font: 9.5pt system-ui, sans-serif; background: #f3f3f3; padding: 2mm 4mm; }
.questions h3 { font-size: 9.5pt; margin: 1mm 0; }
@media screen { body { padding: 10mm; } }
"""


def handout_html(story: ResolvedStory, shapes: ShapeIndex, material: dict[str, SectionMaterial]) -> str:
    """The whole handout as one HTML document."""
    meta = story.meta
    sections = "".join(_section_html(s, shapes, material.get(s.id)) for s in story.sections)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(meta.title)}: handout</title><style>{_CSS}</style></head><body>"
        f"<header><span class='label'>{escape(meta.label)}</span><h1>{escape(meta.title)}</h1>"
        f"<p class='meta'>By {escape(meta.author)}. {escape(meta.source_note)}</p>"
        f"<p class='ours'>{escape(meta.titles_note)} Maps, questions and key terms are ours too.</p></header>"
        f"{sections}"
        "<p class='note'>Maps: Natural Earth (public domain), internationally recognised borders; "
        "city points: GeoNames (CC BY 4.0).</p></body></html>"
    )


def _section_html(section: ResolvedSection, shapes: ShapeIndex, material: SectionMaterial | None) -> str:
    legend = "; ".join(
        f"{'in focus' if role is Role.FOCUS else 'also mentioned'}: "
        + ", ".join(p.name + (" (approximate outline)" if p.approximate else "") for p in places)
        for role in Role
        if (places := [p for p in section.places if p.role is role])
    )
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in section.paragraphs)
    if section.credit:
        paragraphs += f"<p class='note'>Photo (not shown): {escape(section.credit)}</p>"
    caption = escape(legend or "No place highlighted.")
    return (
        f"<section class='handout-section' data-section='{section.id}'>"
        f"<h2>{escape(section.title)}</h2>"
        f"<figure>{section_svg(section, shapes)}<figcaption>{caption}</figcaption></figure>"
        f"{paragraphs}{_material_html(material)}</section>"
    )


def _material_html(material: SectionMaterial | None) -> str:
    if not material or not (material.questions or material.terms):
        return ""
    questions = "".join(f"<li>{escape(q)}</li>" for q in material.questions)
    terms = "".join(f"<li><strong>{escape(t.term)}</strong>: {escape(t.definition)}</li>" for t in material.terms)
    return (
        "<div class='questions'><h3>For discussion (our questions)</h3>"
        f"<ol>{questions}</ol>{'<h3>Key terms (our definitions)</h3><ul>' + terms + '</ul>' if terms else ''}</div>"
    )


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
