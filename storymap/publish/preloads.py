"""What the story page's map needs, named in the page's own response (a `Link` header the
production recipe sends with it), so the browser fetches it while Streamlit's frontend starts.

Without it the map's files come one after another, each asked for only once the one before has
run: the map's frame (streamlit-folium's page and script), then Leaflet, then our map script, then
the shapes, places and steps; on slow 4G those round trips were a second of a first visit. Every
URL here is named by its content, so what the browser fetches ahead it keeps, and the frame finds
it in the browser's cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from storymap.publish.fonts import package_folder
from storymap.render.urls import StaticUrls

# streamlit-folium's component, where Streamlit serves it (`component/<module>.<name>/`).
MAP_COMPONENT = "component/streamlit_folium.st_folium"
MAP_COMPONENT_BUILD = package_folder("streamlit_folium") / "frontend" / "build"


@dataclass(frozen=True)
class Preload:
    """A URL and how the page will use it: the `Link` attributes a preload must match."""

    url: str
    attributes: str

    def link(self) -> str:
        return f"<{self.url}>; {self.attributes}"


def map_component_script(base_path: str) -> str:
    """The URL of streamlit-folium's script, from its build's manifest."""
    manifest = json.loads((MAP_COMPONENT_BUILD / "asset-manifest.json").read_text(encoding="utf-8"))
    return f"{base_path}/{MAP_COMPONENT}/{manifest['files']['main.js'].removeprefix('./')}"


def story_map(urls: StaticUrls, base_path: str) -> list[Preload]:
    """The story page's map: its frame's script, Leaflet, our map code and styles, the reader
    (imported as a module), the first chunk of shapes and the places and steps (fetched)."""
    script, style, fetched = "rel=preload; as=script", "rel=preload; as=style", "rel=preload; as=fetch; crossorigin"
    return [
        Preload(map_component_script(base_path), script),
        Preload(urls.leaflet_js, script),
        Preload(urls.map_js, script),
        Preload(urls.leaflet_css, style),
        Preload(urls.map_css, style),
        Preload(urls.reader_js, "rel=modulepreload"),
        Preload(urls.steps, fetched),
        Preload(urls.places, fetched),
        Preload(urls.shapes[0].url, fetched),
    ]


def link_header(preloads: list[Preload]) -> str:
    """The `Link` header's value."""
    return ", ".join(preload.link() for preload in preloads)
