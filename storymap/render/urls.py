"""Where the browser finds each published file: what the renderers write into pages (script and
style tags, the shapes the map fetches) and what `publish.static_assets` fills in when it writes
the files, so rendering never depends on publishing."""

from __future__ import annotations

from dataclasses import dataclass

from storymap.model.shapes import Bounds


@dataclass(frozen=True)
class ShapesUrl:
    """A chunk of shapes, and the bounds inside which it and those before it draw everything."""

    url: str
    within: Bounds | None


@dataclass(frozen=True)
class StaticUrls:
    """Where the browser finds each published file."""

    leaflet_js: str
    leaflet_css: str
    map_js: str
    map_css: str
    reader_js: str
    places: str
    steps: str
    shapes: tuple[ShapesUrl, ...]
