"""Publishing the files the browser fetches into Streamlit's static folder, once per server.

Leaflet comes from the xstatic-leaflet package, the shapes from geodata/shapes (as TopoJSON
chunks, storymap/publish/topology.py), the browser code and styles from storymap/assets (the code
as one bundle per page that runs it, `BUNDLES`), and the notes of the story's places and every
section's step (storymap/publish/steps.py) from the resolved story. Nothing third-party is
committed and nothing is downloaded. Every URL carries a hash of its file, so browsers cache each
version for good and never keep a stale one.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
from rcssmin import cssmin
from rjsmin import jsmin

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.publish import fonts
from storymap.publish.steps import story_steps
from storymap.publish.topology import shape_chunks
from storymap.render.urls import ShapesUrl, StaticUrls

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MINIFIERS: dict[str, Callable[[str], str]] = {".js": jsmin, ".css": cssmin}
STATIC_URL = "/app/static"

# The browser code in small files (storymap/assets/map/, reader/), published as one file per
# page that runs it, so a page makes one request for it: the map's frame, the story page (the
# app's in-page component) and the static edition's page (the reader and its start). Each file
# adds its part to the one `StoryMap` namespace and calls the others only once started, so the
# order says what each part is built on, with the part that starts the rest last.
_MAP = "labels gestures topology geometry elements labelling controls framing linking popup highlights chunks start"
_READER = "stepping viewport names panel moves settling input mount"
BUNDLES: dict[str, tuple[str, ...]] = {
    "map": tuple(f"map/{name}.js" for name in _MAP.split()),
    "reader": tuple(f"reader/{name}.js" for name in _READER.split()),
    "site": (*(f"reader/{name}.js" for name in _READER.split()), "site.js"),
}


def places_index(story: ResolvedStory) -> dict[str, dict[str, object]]:
    """Name, kind, note, source and label anchor of every place the story highlights."""
    index: dict[str, dict[str, object]] = {}
    for section in story.sections:
        for place in section.places:
            index[place.id] = {
                "name": place.name,
                "kind": place.kind.value,
                "approximate": place.approximate,
                "note": place.note,
                "source": place.source,
                "point": list(place.point) if place.point else None,
                "anchor": list(place.anchor),
            }
    return index


def publish(static_dir: Path, shapes: ShapeIndex, story: ResolvedStory, base_url: str = STATIC_URL) -> StaticUrls:
    """Write every static file the map needs and return their versioned URLs, under `base_url`
    (Streamlit's static route, or a folder of the static edition)."""
    leaflet = Path(xstatic_leaflet.BASE_DIR)
    vendor = static_dir / "vendor" / "leaflet"
    for image in (leaflet / "images").iterdir():
        _write(vendor / "images" / image.name, image.read_bytes())

    def copy(source: Path, relative: str) -> str:
        return publish_file(source, static_dir, relative, base_url)

    def data(content: bytes, stem: str) -> str:
        # Named by content: a reader still on the story they opened keeps fetching its version
        # after an editor's change publishes a new one beside it.
        relative = f"{stem}.{_digest(content)}.json"
        return _versioned(_write(static_dir / relative, content), static_dir, base_url)

    return StaticUrls(
        leaflet_js=copy(leaflet / "leaflet.js", "vendor/leaflet/leaflet.js"),
        leaflet_css=copy(leaflet / "leaflet.css", "vendor/leaflet/leaflet.css"),
        map_js=publish_bundle("map", static_dir, base_url),
        map_css=copy(ASSETS / "map.css", "storymap/map.css"),
        reader_js=publish_bundle("reader", static_dir, base_url),
        places=data(_json(places_index(story)), "storymap/places"),
        steps=data(_json(story_steps(story)), "storymap/steps"),
        shapes=tuple(
            ShapesUrl(data(chunk.topology, f"geodata/{chunk.stem}"), chunk.within)
            for chunk in shape_chunks(shapes, story)
        ),
    )


def publish_fonts(static_dir: Path, base_url: str = STATIC_URL) -> str:
    """Streamlit's whole text faces, for the characters outside a first view's range (the
    production recipe serves Streamlit's own URLs cut to it, storymap/publish/fonts.py): the
    @font-face rules the app's pages carry, naming the copies published here."""
    urls = {
        style: publish_file(fonts.streamlit_font(stem), static_dir, f"fonts/{stem}.woff2", base_url)
        for stem, style in fonts.TEXT_FACES.items()
    }
    return fonts.fallback_faces(urls)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write(target: Path, content: bytes) -> Path:
    """Write a file unless it already holds exactly this content; atomically, because several
    app processes starting together publish into the same folder, and none may read half a file."""
    if not target.exists() or target.read_bytes() != content:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as partial:
            partial.write(content)
        Path(partial.name).replace(target)
    return target


def publish_file(source: Path, static_dir: Path, relative: str, base_url: str = STATIC_URL) -> str:
    """Copy one file into the static folder and return its versioned URL."""
    return _versioned(_write(static_dir / relative, served(source)), static_dir, base_url)


def publish_bundle(name: str, static_dir: Path, base_url: str = STATIC_URL) -> str:
    """Write one of `BUNDLES` into the static folder as storymap/<name>.js and return its versioned URL."""
    return _versioned(_write(static_dir / "storymap" / f"{name}.js", bundle(name)), static_dir, base_url)


def bundle(name: str) -> bytes:
    """A bundle's files in their order, as one minified script (each file is a whole statement)."""
    source = "\n".join((ASSETS / relative).read_text(encoding="utf-8") for relative in BUNDLES[name])
    return MINIFIERS[".js"](source).encode("utf-8")


def served(source: Path) -> bytes:
    """A file as browsers get it: our own scripts and styles without their comments and layout
    (which are for whoever reads the repo: a third of the bytes a reader waits for), anything else
    as it is (Leaflet comes minified)."""
    content = source.read_bytes()
    minify = MINIFIERS.get(source.suffix) if source.is_relative_to(ASSETS) else None
    return minify(content.decode("utf-8")).encode("utf-8") if minify else content


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:12]


def _versioned(target: Path, static_dir: Path, base_url: str) -> str:
    return f"{base_url}/{target.relative_to(static_dir).as_posix()}?v={_digest(target.read_bytes())}"
