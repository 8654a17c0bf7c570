"""The folium map: a basemap that never changes, and a tiny highlight layer for pages that step it
from Python.

Shapes, place notes and the map's JavaScript are static files the browser fetches once
(storymap/assets/map/, published by static_assets as one bundle). streamlit-folium re-sends the
map's script on every rerun, so that script only calls `StoryMap.init`. A step is place ids, roles and
bounds: the story page reads its steps from a static file (storymap/publish/steps.py), the Places page
sends one in a highlight layer.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from storymap.model.gazetteer import PlaceKind
from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import FRAME_MIN_PART_SHARE, POINT_MARGIN_DEG
from storymap.render.keys import forwarded_keys
from storymap.render.palette import APPROXIMATE_DASH, BORDER, LAND, LINKED_STYLE, ROLE_STYLE, SEA
from storymap.render.templates import render
from storymap.render.urls import StaticUrls

FRAME_PADDING_PX = 36
MAX_FRAME_ZOOM = 7
# How long the map takes to fly to the next section's frame (none with reduced motion).
FLIGHT_SECONDS = 0.8
# The shapes beyond the first view come after the first map; if no step has come this long after
# the map was ready (a page that highlights nothing yet), they come anyway.
REST_AFTER_MS = 1500
# Regions and provinces have no standing label; they get one while in focus.
LABEL_ON_FOCUS = [PlaceKind.REGION.value, PlaceKind.PROVINCE.value]


class StoryBasemap(JSCSSMixin, MacroElement):
    """Starts the browser side of the story map (storymap/assets/map/) on a folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
StoryMap.map = StoryMap.init({{ this._parent.get_name() }}, {{ this.options|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, urls: StaticUrls, attribution: str):
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoryBasemap"
        # Instance values: the URLs carry a content hash, known only once the files are published.
        self.default_js = [("storymap", urls.map_js)]
        self.default_css = [("storymap_css", urls.map_css)]
        self.options = {
            "placesUrl": urls.places,
            # Nearest first: a view inside a chunk's `within` needs only that chunk and those before it.
            "shapes": [{"url": chunk.url, "within": chunk.within} for chunk in urls.shapes],
            "restAfterMs": REST_AFTER_MS,
            "attribution": attribution,
            "sea": SEA,
            "padding": [FRAME_PADDING_PX, FRAME_PADDING_PX],
            "maxFrameZoom": MAX_FRAME_ZOOM,
            "flightSeconds": FLIGHT_SECONDS,
            "forwardKeys": forwarded_keys(),
            "labelOnFocus": LABEL_ON_FOCUS,
            "base": {"color": BORDER, "weight": 0.8, "fillColor": LAND, "fillOpacity": 1, "dashArray": None},
            "roles": {role.value: style for role, style in ROLE_STYLE.items()},
            "approximateDash": APPROXIMATE_DASH,
            "linked": LINKED_STYLE,
            # A place shown from its name is framed as the engine frames a section's places.
            "mainPartShare": FRAME_MIN_PART_SHARE,
            "pointMargin": POINT_MARGIN_DEG,
        }


class StoryStep(MacroElement):
    """One step: hands the section's place ids, roles and bounds to the basemap."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
window.StoryMap && StoryMap.map && StoryMap.map.step({{ this.step|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, step: dict[str, Any]):
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoryStep"
        self.step = step


def base_map(urls: StaticUrls, story: ResolvedStory) -> folium.Map:
    """The map every step shares, on the app's own Leaflet, centred on the story's default frame and
    crediting its geodata; it never changes, so it never remounts. The page frames each step
    itself (storymap/assets/map/): fitting the default frame here as well raced that first framing on phones."""
    (south, west), (north, east) = story.meta.default_bounds
    centre = ((south + north) / 2, (west + east) / 2)
    fmap = folium.Map(location=centre, zoom_start=4, tiles=None, min_zoom=2, max_zoom=10, control_scale=True)
    fmap.default_js = [("leaflet", urls.leaflet_js)]
    fmap.default_css = [("leaflet_css", urls.leaflet_css)]
    StoryBasemap(urls, story.meta.map_attribution).add_to(fmap)
    preload = render("map_preload.html", story.meta.template_dir, urls=[urls.places, urls.shapes[0].url])
    fmap.get_root().header.add_child(folium.Element(str(preload)), name="storymap_preload")  # type: ignore[attr-defined]
    return fmap


def highlight_layer(payload: dict[str, Any], *extra: folium.Element) -> folium.FeatureGroup:
    """The feature group streamlit-folium swaps in: the highlight call, and any small overlays."""
    group = folium.FeatureGroup(name="highlights", control=False)
    StoryStep(payload).add_to(group)
    for element in extra:
        element.add_to(group)
    return group


def detach(fmap: folium.Map, group: folium.FeatureGroup) -> None:
    """Undo streamlit-folium's adding of a step's layer to the map, so the reused map stays unchanged.

    st_folium adds `feature_group_to_add` to the map it is given; left there, the next step's
    map script would differ and the map would remount (a blank flash).
    """
    fmap._children.pop(group.get_name(), None)
