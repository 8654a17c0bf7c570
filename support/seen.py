"""The map as the reader sees it, measured from the page's own geometry.

Shared by the browser tests (tests/e2e/test_views.py) and the screenshot walk (`python -m
bench.views`): which labels are visible and which of them overlap on screen, how much of the
screen the map takes, and how much of a place's area lies inside the map's frame. Nothing here
reads what the engine meant to draw; every figure comes from boxes and points in the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from playwright.sync_api import Frame, Page
from shapely.geometry import Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

# Parts of a place smaller than this share of its largest part are left out of "the place", as a
# reader would leave French Guiana out of a map of France (the framing rule, docs/architecture.md).
MAIN_PART_SHARE = 0.2

# The map has ended its flight to a section's frame (any section, or the one given) and put its
# labels down there, with its styles in. The view is the frame to within a pixel: Leaflet rounds its
# pixel origin, so a view reached by panning can lie half a pixel off the target it flew to.
_FRAMED = (
    "const c = document.querySelector('.leaflet-container');"
    " if (!c || !c.dataset.section || !c.dataset.view || !c.dataset.frameView) { return false; }"
    " const [lat, lng, zoom] = c.dataset.view.split(',').map(Number);"
    " const [flat, flng, fzoom] = c.dataset.frameView.split(',').map(Number);"
    " const pixel = 360 / (256 * 2 ** zoom);"
    " return zoom === fzoom && Math.abs(lat - flat) <= pixel && Math.abs(lng - flng) <= pixel"
    " && c.dataset.labels === c.dataset.view;"
)
AT_REST = "() => { " + _FRAMED + " }"
AT_REST_ON = (
    "(id) => { if (document.querySelector('.leaflet-container')?.dataset.section !== id) { return false; } "
    + _FRAMED
    + " }"
)
# How far the page is scrolled: the window, or whichever element scrolls it (Streamlit's main one).
SCROLLED = "() => Math.max(scrollY, ...[...document.querySelectorAll('section, main, div')].map((el) => el.scrollTop))"


def still(frames: int, watched: str = SCROLLED) -> str:
    """A script that resolves, with the watched value, once `watched` (a JS function) has returned
    the same for `frames` animation frames in a row: where staying put is the point."""
    return f"""
() => new Promise((resolve) => {{
  const watched = {watched};
  let last = JSON.stringify(watched()), same = 0;
  const tick = () => {{
    const now = JSON.stringify(watched());
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= {frames}) {{ resolve(watched()); }} else {{ requestAnimationFrame(tick); }}
  }};
  requestAnimationFrame(tick);
}})
"""


# What the page says the reader is at: status line, marked passage and URL.
SHOWN = """
() => ({status: document.querySelector('.map-status')?.dataset.section ?? null,
        active: document.querySelector('.passage.is-active')?.dataset.section ?? null,
        url: new URLSearchParams(location.search).get('section')})
"""
# Every label element drawn and visible inside the map's container, with its box on screen.
_LABELS = """
() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const shown = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) { return false; }
    }
    return true;
  };
  return [...document.querySelectorAll('.storymap-label')].filter(shown).map((el) => {
    const r = el.getBoundingClientRect();
    return {text: el.textContent, classes: el.className, left: r.left - map.left, top: r.top - map.top,
            right: r.right - map.left, bottom: r.bottom - map.top};
  }).filter((r) => r.right > 0 && r.bottom > 0 && r.left < map.width && r.top < map.height
                   && r.right > r.left && r.bottom > r.top);
}
"""
# The frame's size, and latitude/longitude rings projected to the frame's pixels by its own map.
_PROJECT = """
(rings) => {
  const map = Object.values(window).find((v) => v && window.L && v instanceof L.Map);
  const size = map.getSize();
  return {width: size.x, height: size.y,
          rings: rings.map((ring) => ring.map(([lon, lat]) => {
            const p = map.latLngToContainerPoint([lat, lon]);
            return [p.x, p.y];
          }))};
}
"""


@dataclass(frozen=True)
class Label:
    """A label's text and its box in the map's pixels."""

    text: str
    classes: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Label) -> bool:
        """Whether the two boxes share any area (touching edges do not count)."""
        return (
            min(self.right, other.right) - max(self.left, other.left) > 0.5
            and min(self.bottom, other.bottom) - max(self.top, other.top) > 0.5
        )


# A box on screen, in some element's pixels; Label's geometry, reused for controls and cards.
Box = Label

# The map's own controls (zoom, Reset view, scale, credit) and the page's card over the map,
# each as a box in the map's pixels.
_CONTROLS = """
() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const names = {'.leaflet-control-zoom': 'zoom', '.storymap-reset': 'reset', '.leaflet-control-scale': 'scale',
                 '.leaflet-control-attribution': 'credit'};
  return Object.entries(names).flatMap(([selector, name]) => [...document.querySelectorAll(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    return {text: name, classes: el.className, left: r.left - map.left, top: r.top - map.top,
            right: r.right - map.left, bottom: r.bottom - map.top};
  })).filter((r) => r.right > r.left && r.bottom > r.top);
}
"""


def map_controls(frame: Frame) -> list[Box]:
    """The boxes of the map's own controls, in the map's pixels."""
    return [Box(**item) for item in frame.evaluate(_CONTROLS)]


def card_box(page: Page, frame_selector: str) -> Box | None:
    """The page's card of status and legend, in the map's pixels, where one is shown over the map."""
    found = page.evaluate(
        """(selector) => {
          const map = document.querySelector(selector).getBoundingClientRect();
          const card = document.querySelector('.map-card');
          const r = card && card.getBoundingClientRect();
          if (!r || r.height <= 1 || r.width <= 1) { return null; }
          return {text: 'card', classes: '', left: r.left - map.left, top: r.top - map.top,
                  right: r.right - map.left, bottom: r.bottom - map.top};
        }""",
        frame_selector,
    )
    return Box(**found) if found else None


# Elements scrolling sideways, or a page wider than the screen (`width`, the screen's CSS pixels: a
# phone's browser widens its layout viewport to a page that overflows): the page must never be.
WIDER_THAN_SCREEN = """
(width) => {
  const wide = [];
  const root = document.scrollingElement;
  const page = Math.max(root.scrollWidth, innerWidth);
  if (page > width + 1) { wide.push(`the page is ${page}px wide`); }
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls sideways`);
    }
  }
  return wide;
}
"""


def visible_labels(frame: Frame) -> list[Label]:
    """The labels a reader can see in the map's frame."""
    return [Label(**item) for item in frame.evaluate(_LABELS)]


def overlapping_pairs(labels: list[Label]) -> list[tuple[str, str]]:
    """Every pair of visible labels printed over each other."""
    return [(a.text, b.text) for i, a in enumerate(labels) for b in labels[i + 1 :] if a.overlaps(b)]


def screen_share(page: Page, selector: str) -> float:
    """The share of the viewport's area that the element (the map's frame) covers on screen."""
    share = page.evaluate(
        """(selector) => {
          const r = document.querySelector(selector).getBoundingClientRect();
          const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
          const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
          return (w * h) / (innerWidth * innerHeight);
        }""",
        selector,
    )
    return float(share)


def main_body(geometry: BaseGeometry) -> BaseGeometry:
    """A place as a reader pictures it: its parts of at least MAIN_PART_SHARE of the largest."""
    parts = list(shapely.get_parts(geometry))
    largest = max(p.area for p in parts)
    return shapely.union_all([p for p in parts if p.area >= MAIN_PART_SHARE * largest])


def covered_below(page: Page, frame_selector: str) -> float:
    """How many of the map's pixels, from its lower edge up, lie under the page's card of status
    and legend (what the reader cannot see of the map)."""
    covered = page.evaluate(
        """(selector) => {
          const map = document.querySelector(selector).getBoundingClientRect();
          const card = document.querySelector('.map-card');
          if (!card) { return 0; }
          const box = card.getBoundingClientRect();
          const across = Math.min(map.right, box.right) - Math.max(map.left, box.left);
          if (across <= 0 || box.height <= 1 || box.top >= map.bottom || box.bottom <= map.top) { return 0; }
          return map.bottom - Math.max(map.top, box.top);
        }""",
        frame_selector,
    )
    return float(covered)


def share_in_frame(frame: Frame, geometry: BaseGeometry, covered: float = 0.0, hidden: tuple[Box, ...] = ()) -> float:
    """The share of a place's area (in the map's own pixels) that lies in the part of the map's
    frame the reader sees: inside it, above the `covered` pixels along its lower edge, and not
    under the `hidden` boxes (the map's own controls)."""
    polygons = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon)]
    rings = [list(p.exterior.coords) for p in polygons]
    projected = frame.evaluate(_PROJECT, rings)
    on_screen = shapely.union_all([Polygon(r).buffer(0) for r in projected["rings"]])
    seen = box(0, 0, projected["width"], projected["height"] - covered)
    for b in hidden:
        seen = seen.difference(box(b.left, b.top, b.right, b.bottom))
    inside = on_screen.intersection(seen)
    return float(inside.area / on_screen.area) if on_screen.area else 0.0


# A city is measured as a disc this many degrees wide around its point.
CITY_RADIUS_DEG = 0.05


def reader_bodies(shapes_dir: Path, cities: dict[str, tuple[float, float]]) -> dict[str, BaseGeometry]:
    """Every place as the reader pictures it, by id: the main body of each shape, read straight
    from the committed GeoJSON, and each city (latitude, longitude) as a small disc."""
    found: dict[str, BaseGeometry] = {
        place_id: Point(lon, lat).buffer(CITY_RADIUS_DEG) for place_id, (lat, lon) in cities.items()
    }
    for path in sorted(shapes_dir.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geometry = shape(feature["geometry"])
            if not geometry.is_empty:
                found[feature["properties"]["id"]] = main_body(geometry)
    return found


@dataclass(frozen=True)
class Drawn:
    """Where a control map's marks lie: the share of their box inside the map, and the box's
    width and height as shares of the map's."""

    count: int
    inside: float
    width: float
    height: float


_CONTROL_BOX = """
() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const paths = [...document.querySelectorAll('path[data-control]')];
  if (!paths.length) { return {count: 0, inside: 0, width: 0, height: 0}; }
  const boxes = paths.map((p) => p.getBoundingClientRect());
  const l = Math.min(...boxes.map((b) => b.left)), r = Math.max(...boxes.map((b) => b.right));
  const t = Math.min(...boxes.map((b) => b.top)), b = Math.max(...boxes.map((b) => b.bottom));
  const w = Math.max(0, Math.min(r, map.right) - Math.max(l, map.left));
  const h = Math.max(0, Math.min(b, map.bottom) - Math.max(t, map.top));
  return {count: paths.length, inside: (w * h) / ((r - l) * (b - t) || 1), width: (r - l) / map.width,
          height: (b - t) / map.height};
}
"""


def control_drawn(frame: Frame) -> Drawn:
    """The box of every control mark (`data-control`) the map draws, measured on screen. Leaflet
    clips paths to a little beyond the view, so a mark far outside shows as a box at the edge."""
    return Drawn(**frame.evaluate(_CONTROL_BOX))


def control_kinds(frame: Frame) -> set[str]:
    """The kinds of control mark (held, partly, route) the map draws."""
    kinds = frame.evaluate("() => [...document.querySelectorAll('path[data-control]')].map(p => p.dataset.control)")
    return {str(kind) for kind in kinds}


def focus_ids(frame: Frame) -> list[str]:
    """The places the map draws in focus (shapes and points), read from its paths."""
    ids: Any = frame.evaluate(
        "() => [...new Set([...document.querySelectorAll('path[data-role=\"focus\"]')].map(p => p.dataset.place))]"
    )
    return [str(i) for i in ids]
