"""Drawing a control map: held whole (filled), held in part (hatched), and routes (dashed lines)."""

from __future__ import annotations

import html

import folium
import shapely
from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup
from shapely.geometry import LineString, mapping
from shapely.geometry.base import BaseGeometry

from storymap.model.shapes import Bounds, ShapeIndex, frame_bounds
from storymap.model.timeline import Control, control_geometry, partly_geometry
from storymap.render.templates import render

EDGE = "#7a3b00"
FILL = "#E69F00"
ROUTE = "#222222"
HATCH_SPACING_DEGREES = 0.04
# A control map may come closer than a story step: the areas are small, and the hatching must show.
MAX_CONTROL_ZOOM = 9


class ControlMark(MacroElement):
    """Marks the paths of a control layer with `data-control` (held, partly, route): what a
    reader's eye tells apart, a test can find."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (layer) {
  function mark(part) { if (part._path) { part._path.setAttribute("data-control", {{ this.kind|tojson }}); } }
  function markAll() { mark(layer); if (layer.eachLayer) { layer.eachLayer(mark); } }
  layer.on("add", markAll);
  markAll();
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, kind: str):
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ControlMark"
        self.kind = kind


def control_bounds(control: Control, shapes: ShapeIndex) -> Bounds | None:
    """The frame of what a control map draws (held, hatched, routes); None when it draws nothing."""
    drawn = [control_geometry(control, shapes), partly_geometry(control, shapes)]
    drawn += [LineString([(lon, lat) for lat, lon in route.points]) for route in control.routes]
    return frame_bounds(g for g in drawn if not g.is_empty)


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


def _shape(geometry: BaseGeometry, style: dict[str, object], tooltip: str, kind: str) -> folium.GeoJson:
    shape = folium.GeoJson(_feature(geometry), style_function=lambda _: style, tooltip=tooltip_text(tooltip))
    ControlMark(kind).add_to(shape)
    return shape


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
        overlays.append(_shape(held, style, held_label(held_by), "held"))
    partly = partly_geometry(control, shapes)
    if not partly.is_empty:
        outline = {"color": EDGE, "weight": 1.5, "fillColor": FILL, "fillOpacity": 0.12, "dashArray": "4 3"}
        overlays.append(_shape(partly, outline, partly_label(held_by), "partly"))
        hatching = {"color": EDGE, "weight": 1.2, "opacity": 0.8}
        overlays.append(_shape(hatch(partly), hatching, partly_label(held_by), "partly"))
    for route in control.routes:
        line = folium.PolyLine(  # type: ignore[no-untyped-call]
            route.points, color=ROUTE, weight=5, opacity=0.9, dash_array="8 5", tooltip=tooltip_text(route.label)
        )
        ControlMark("route").add_to(line)
        overlays.append(line)
    return overlays


def control_legend(control: Control, held_by: str, *, templates: str | None = None) -> Markup:
    """The legend's HTML: one swatch per kind of mark the map draws."""
    rows = []
    if control.held:
        swatch = f"background:{FILL}8c;border:2px dashed {EDGE}"
        rows.append((swatch, held_label(held_by)))
    if control.partly:
        stripes = f"repeating-linear-gradient(135deg,{EDGE} 0 2px,{FILL}1f 2px 6px)"
        rows.append((f"background:{stripes};border:2px dashed {EDGE}", partly_label(held_by)))
    rows += [(f"border-top:4px dashed {ROUTE};height:0", route.label) for route in control.routes]
    return render("control_legend.html", templates, rows=rows)
