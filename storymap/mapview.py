"""The folium map: a basemap built once from static files, and a small per-step highlight layer.

The shapes never travel with a step. The basemap element fetches the GeoJSON files from the
app's own static folder once; each step sends only place ids, styles, notes and bounds, which
the basemap's script applies to shapes the browser already holds.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from storymap.gazetteer import PlaceKind
from storymap.palette import APPROXIMATE_DASH, BORDER, LABEL, LAND, ROLE_STYLE, SEA
from storymap.resolve import ResolvedSection, ResolvedStory
from storymap.story import Role

STATIC_URL = "/app/static"
LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
SHAPE_URLS = (f"{STATIC_URL}/geodata/countries.geojson", f"{STATIC_URL}/geodata/units.geojson")
FRAME_PADDING_PX = 36
# Regions and provinces have no standing label; they get one while in focus.
_LABEL_ON_FOCUS = (PlaceKind.REGION, PlaceKind.PROVINCE)
MAX_FRAME_ZOOM = 7


class StoryBasemap(MacroElement):
    """Light basemap from static GeoJSON, place labels, a reset control and the step API."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var options = {{ this.options|tojson }};
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var state = {layers: {}, kinds: {}, lit: [], markers: L.layerGroup().addTo(map), pending: null, bounds: null};
  var style = document.createElement("style");
  style.textContent = options.css;
  document.head.appendChild(style);
  map.getContainer().style.background = options.sea;
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(options.attribution);
  // Stepping keys pressed while the map has focus go to the page; arrows stay with the map for panning.
  document.addEventListener("keydown", function (event) {
    if (options.forwardKeys.indexOf(event.key) === -1 || event.altKey || event.ctrlKey || event.metaKey) { return; }
    try {
      window.parent.document.dispatchEvent(new KeyboardEvent("keydown", {key: event.key, bubbles: true}));
      event.preventDefault();
    } catch (error) { /* a parent on another origin: nothing to forward to */ }
  });
  map.on("moveend", function () {
    map.getContainer().setAttribute("data-view", viewString(map.getCenter(), map.getZoom()));
  });

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function viewString(center, zoom) {
    return center.lat.toFixed(3) + "," + center.lng.toFixed(3) + "," + zoom;
  }

  function frame() {
    if (!state.bounds) { return; }
    var fit = {padding: options.padding, maxZoom: options.maxFrameZoom, animate: !reduced};
    var target = map._getBoundsCenterZoom(L.latLngBounds(state.bounds), fit);
    map.getContainer().setAttribute("data-frame-view", viewString(target.center, target.zoom));
    map.fitBounds(state.bounds, fit);
  }
  var Reset = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var button = L.DomUtil.create("button", "storymap-reset");
      button.type = "button";
      button.textContent = "Reset view";
      button.title = "Frame this section again";
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", frame);
      return button;
    }
  });
  map.addControl(new Reset());

  options.labels.forEach(function (label) {
    L.marker([label.lat, label.lon], {
      interactive: false, keyboard: false,
      icon: L.divIcon({className: "storymap-label storymap-label-" + label.kind, html: text(label.name), iconSize: null})
    }).addTo(map);
  });

  function tag(layer, id, role) {
    layer.eachLayer(function (part) {
      if (!part._path) { return; }
      part._path.setAttribute("data-place", id);
      if (role) { part._path.setAttribute("data-role", role); } else { part._path.removeAttribute("data-role"); }
    });
  }

  function clear() {
    state.lit.forEach(function (id) {
      var layer = state.layers[id];
      layer.unbindTooltip(); layer.unbindPopup();
      if (state.kinds[id] === "country") { layer.setStyle(options.base); tag(layer, id, null); }
      else { map.removeLayer(layer); }
    });
    state.lit = [];
    state.markers.clearLayers();
  }

  function describe(place) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = place.name + (place.approximate ? " (approximate outline)" : "");
    var note = document.createElement("p");
    note.textContent = place.note;
    var source = document.createElement("small");
    source.textContent = "Source: " + place.source;
    box.appendChild(title); box.appendChild(note); box.appendChild(source);
    return box;
  }

  function apply(step) {
    clear();
    var ordered = step.places.slice().sort(function (a, b) { return a.role === b.role ? 0 : (a.role === "focus" ? 1 : -1); });
    ordered.forEach(function (place) {
      var look = Object.assign({}, options.roles[place.role]);
      if (place.approximate) { look.dashArray = options.approximateDash; }
      var layer;
      if (place.point) {
        layer = L.featureGroup([L.circleMarker(place.point, Object.assign({radius: 7}, look))]);
        state.markers.addLayer(layer);
      } else {
        layer = state.layers[place.id];
        if (!layer) { return; }
        if (!map.hasLayer(layer)) { map.addLayer(layer); }
        layer.setStyle(look);
        layer.bringToFront();
        state.lit.push(place.id);
      }
      layer.bindTooltip(place.name + (place.approximate ? " (approximate)" : ""), {sticky: true});
      layer.bindPopup(describe(place), {maxWidth: 280});
      tag(layer, place.id, place.role);
      if (place.label) {
        state.markers.addLayer(L.marker(place.label, {interactive: false, keyboard: false,
          icon: L.divIcon({className: "storymap-label storymap-label-region", html: text(place.name), iconSize: null})}));
      }
    });
    state.bounds = step.bounds;
    map.getContainer().setAttribute("data-section", step.section);
    map.getContainer().setAttribute("data-places", step.places.map(function (p) { return p.id; }).join(","));
    frame();
  }

  window.storymap = {
    step: function (step) { if (state.ready) { apply(step); } else { state.pending = step; } },
    frame: frame
  };

  Promise.all(options.urls.map(function (url) { return fetch(url).then(function (r) { return r.json(); }); }))
    .then(function (collections) {
      collections.forEach(function (collection) {
        collection.features.forEach(function (feature) {
          var id = feature.properties.id;
          var layer = L.geoJSON(feature, {style: options.base});
          state.layers[id] = layer;
          state.kinds[id] = feature.properties.kind;
          if (feature.properties.kind === "country") { layer.addTo(map); }
        });
      });
      state.ready = true;
      if (state.pending) { apply(state.pending); state.pending = null; }
    });
})();
{% endmacro %}
"""
    )

    def __init__(self, labels: list[dict[str, Any]], attribution: str):
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoryBasemap"
        self.options = {
            "urls": list(SHAPE_URLS),
            "labels": labels,
            "attribution": attribution,
            "sea": SEA,
            "padding": [FRAME_PADDING_PX, FRAME_PADDING_PX],
            "maxFrameZoom": MAX_FRAME_ZOOM,
            "forwardKeys": ["j", "k", "PageDown", "PageUp", "Home", "End"],
            "base": {"color": BORDER, "weight": 0.8, "fillColor": LAND, "fillOpacity": 1, "dashArray": None},
            "roles": {role.value: style for role, style in ROLE_STYLE.items()},
            "approximateDash": APPROXIMATE_DASH,
            "css": _MAP_CSS,
        }


_MAP_CSS = f"""
.storymap-label {{ color: {LABEL}; font: 600 12px/1.1 system-ui, sans-serif; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); pointer-events: none; }}
.storymap-label-city {{ font-weight: 500; font-style: italic; }}
.storymap-label-region {{ color: #003d66; font-size: 13px; }}
.storymap-reset {{ background: #fff; border: 2px solid rgba(0,0,0,.2); border-radius: 4px; padding: 4px 8px;
  font: 600 12px system-ui, sans-serif; cursor: pointer; }}
.storymap-reset:focus-visible {{ outline: 3px solid #0072B2; }}
@media (prefers-reduced-motion: reduce) {{ .leaflet-zoom-anim .leaflet-zoom-animated {{ transition: none !important; }} }}
"""


class StoryStep(MacroElement):
    """One step: hands the section's places and bounds to the basemap's script."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
window.storymap && window.storymap.step({{ this.step|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, step: dict[str, Any]):
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "StoryStep"
        self.step = step


def _self_hosted(element: folium.Map) -> folium.Map:
    """Point the map at the Leaflet the app serves itself and drop what it does not use."""
    element.default_js = [("leaflet", LEAFLET_JS)]
    element.default_css = [("leaflet_css", LEAFLET_CSS)]
    return element


def place_labels(story: ResolvedStory) -> list[dict[str, Any]]:
    """A standing label for each country and city the story highlights."""
    places = {p.id: p for s in story.sections for p in s.places if p.kind in (PlaceKind.COUNTRY, PlaceKind.CITY)}
    return [
        {"name": p.name, "kind": p.kind.value, "lat": p.anchor[0], "lon": p.anchor[1]}
        for _, p in sorted(places.items())
    ]


def base_map(labels: list[dict[str, Any]], attribution: str) -> folium.Map:
    """The map every step shares; it never changes, so streamlit-folium never remounts it."""
    fmap = folium.Map(location=(38.0, 45.0), zoom_start=4, tiles=None, min_zoom=2, max_zoom=10, control_scale=True)
    _self_hosted(fmap)
    StoryBasemap(labels, attribution).add_to(fmap)
    return fmap


def step_payload(section: ResolvedSection) -> dict[str, Any]:
    """What one step sends to the browser: ids, names, roles, notes and bounds, no geometry."""
    return {
        "section": section.id,
        "bounds": [list(section.bounds[0]), list(section.bounds[1])],
        "places": [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role.value,
                "approximate": p.approximate,
                "note": p.note,
                "source": p.source,
                "point": list(p.point) if p.point else None,
                "label": list(p.anchor) if p.role is Role.FOCUS and p.kind in _LABEL_ON_FOCUS else None,
            }
            for p in section.places
        ],
    }


def step_layer(section: ResolvedSection) -> folium.FeatureGroup:
    """The feature group streamlit-folium swaps in at each step."""
    group = folium.FeatureGroup(name="highlights", control=False)
    StoryStep(step_payload(section)).add_to(group)
    return group
