"""Drawing a control map: held whole (filled), held in part (hatched), and routes (dashed lines)."""

from __future__ import annotations

import html

import folium
import shapely
from shapely.geometry import LineString, mapping
from shapely.geometry.base import BaseGeometry

from storymap.shapes import ShapeIndex
from storymap.timeline import Control, control_geometry, partly_geometry

EDGE = "#7a3b00"
FILL = "#E69F00"
ROUTE = "#222222"
HATCH_SPACING_DEGREES = 0.04


def hatch(area: BaseGeometry, spacing: float = HATCH_SPACING_DEGREES) -> BaseGeometry:
    """Diagonal lines clipped to `area`: a hatch drawn as geometry, so it needs no map plugin."""
    if area.is_empty:
        return area
    west, south, east, north = area.bounds
    height = north - south
    count = int((east - west + height) / spacing) + 1
    lines = [LineString([(west + i * spacing - height, south), (west + i * spacing, north)]) for i in range(count)]
    return shapely.intersection(shapely.MultiLineString(lines), area)


def _feature(geometry: BaseGeometry) -> dict[str, object]:
    return {"type": "Feature", "properties": {}, "geometry": mapping(geometry)}


def tooltip_text(text: str) -> str:
    """Text for a folium tooltip, shown as written. Folium pastes a tooltip's text unescaped into
    a JavaScript template literal that Leaflet then sets as HTML, so a label from a data file could
    otherwise run script (`<img onerror=…>`, `${…}`) or end the literal (a backtick)."""
    escaped = html.escape(text)
    return escaped.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _shape(geometry: BaseGeometry, style: dict[str, object], tooltip: str) -> folium.GeoJson:
    return folium.GeoJson(_feature(geometry), style_function=lambda _: style, tooltip=tooltip_text(tooltip))


def held_label(held_by: str) -> str:
    """What the filled area means, named for the side the timeline says held it."""
    return f"Held by {held_by} (approximate)"


def partly_label(held_by: str) -> str:
    """What the hatched area means: the line ran through it, and our units cannot draw where."""
    return f"Partly held by {held_by}: the line ran through this area (approximate)"


def control_overlays(control: Control, shapes: ShapeIndex, held_by: str) -> list[folium.Element]:
    """The map layers of one control map; an empty list when nothing was held."""
    overlays: list[folium.Element] = []
    held = control_geometry(control, shapes)
    if not held.is_empty:
        style = {"color": EDGE, "weight": 1.5, "fillColor": FILL, "fillOpacity": 0.55, "dashArray": "4 3"}
        overlays.append(_shape(held, style, held_label(held_by)))
    partly = partly_geometry(control, shapes)
    if not partly.is_empty:
        outline = {"color": EDGE, "weight": 1.5, "fillColor": FILL, "fillOpacity": 0.12, "dashArray": "4 3"}
        overlays.append(_shape(partly, outline, partly_label(held_by)))
        overlays.append(_shape(hatch(partly), {"color": EDGE, "weight": 1.2, "opacity": 0.8}, partly_label(held_by)))
    for route in control.routes:
        line = folium.PolyLine(  # type: ignore[no-untyped-call]
            route.points, color=ROUTE, weight=5, opacity=0.9, dash_array="8 5", tooltip=tooltip_text(route.label)
        )
        overlays.append(line)
    return overlays


def control_legend(control: Control, held_by: str) -> str:
    """The legend's HTML: one swatch per kind of mark the map draws."""
    rows = []
    if control.held:
        swatch = f"background:{FILL}8c;border:2px dashed {EDGE}"
        rows.append((swatch, held_label(held_by)))
    if control.partly:
        stripes = f"repeating-linear-gradient(135deg,{EDGE} 0 2px,{FILL}1f 2px 6px)"
        rows.append((f"background:{stripes};border:2px dashed {EDGE}", partly_label(held_by)))
    rows += [(f"border-top:4px dashed {ROUTE};height:0", route.label) for route in control.routes]
    return "<br>".join(
        f'<span style="display:inline-block;width:1.4em;height:.8em;vertical-align:middle;{style}"></span> '
        f"{html.escape(label)}"
        for style, label in rows
    )
