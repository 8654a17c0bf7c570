"""The files the browser fetches: published from packages and the repo, versioned, complete."""

from __future__ import annotations

import json
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import load_shapes
from storymap.publish.static_assets import ASSETS, BUNDLES, places_index, publish

SHAPES = load_shapes(Path(__file__).resolve().parent.parent / "geodata" / "shapes")


def _file(static_dir: Path, url: str) -> Path:
    return static_dir / url.removeprefix("/app/static/").split("?")[0]


def test_publish_writes_every_file_it_names(tmp_path: Path, resolved: ResolvedStory) -> None:
    urls = publish(tmp_path, SHAPES, resolved)
    named = [
        urls.leaflet_js,
        urls.leaflet_css,
        urls.map_js,
        urls.map_css,
        urls.reader_js,
        urls.places,
        urls.steps,
        *(chunk.url for chunk in urls.shapes),
    ]
    for url in named:
        assert url.startswith("/app/static/") and "?v=" in url
        assert _file(tmp_path, url).stat().st_size > 0
    assert "Leaflet 1.9.3" in _file(tmp_path, urls.leaflet_js).read_text()
    assert (tmp_path / "vendor" / "leaflet" / "images" / "layers.png").exists()


def test_version_changes_with_content(tmp_path: Path, resolved: ResolvedStory) -> None:
    first = publish(tmp_path, SHAPES, resolved)
    again = publish(tmp_path, SHAPES, resolved)
    assert first == again
    other = resolved.model_copy(update={"sections": resolved.sections[:2]})
    changed = publish(tmp_path, SHAPES, other)
    assert changed.places != first.places and changed.steps != first.steps


def test_an_edited_story_leaves_the_version_readers_hold(tmp_path: Path, resolved: ResolvedStory) -> None:
    """A reader who opened the story before an edit still gets the steps of the story they read."""
    before = publish(tmp_path, SHAPES, resolved)
    held = _file(tmp_path, before.steps).read_bytes()
    publish(tmp_path, SHAPES, resolved.model_copy(update={"sections": resolved.sections[:2]}))
    assert _file(tmp_path, before.steps).read_bytes() == held
    assert len(json.loads(held)["sections"]) == len(resolved.sections)


def test_places_index_covers_every_highlighted_place(tmp_path: Path, resolved: ResolvedStory) -> None:
    index = places_index(resolved)
    used = {p.id for s in resolved.sections for p in s.places}
    assert set(index) == used
    karabakh = index["nagorno-karabakh"]
    assert karabakh["approximate"] is True and karabakh["note"] and karabakh["source"]
    json.dumps(index)


def test_our_scripts_and_styles_go_out_without_comments(tmp_path: Path, resolved: ResolvedStory) -> None:
    """Comments are for the repo; Leaflet, minified by its makers, goes out byte for byte."""
    urls = publish(tmp_path, SHAPES, resolved)
    source = "".join((ASSETS / name).read_text(encoding="utf-8") for name in BUNDLES["map"])
    sent = _file(tmp_path, urls.map_js).read_text(encoding="utf-8")
    assert "// " in source and "// " not in sent and len(sent) < 0.7 * len(source)
    assert "StoryMap" in sent and "storymap:first-map" in sent
    assert "/*" not in _file(tmp_path, urls.map_css).read_text(encoding="utf-8")
    leaflet = Path(xstatic_leaflet.BASE_DIR) / "leaflet.js"
    assert _file(tmp_path, urls.leaflet_js).read_bytes() == leaflet.read_bytes()


def test_every_browser_file_is_in_a_bundle_and_runs_in_its_order() -> None:
    """A file left out of BUNDLES would never reach a browser; each bundle's start comes last."""
    bundled = {name for files in BUNDLES.values() for name in files}
    on_disk = {path.relative_to(ASSETS).as_posix() for path in ASSETS.glob("*/*.js")} | {"site.js"}
    assert bundled == on_disk
    assert BUNDLES["map"][-1] == "map/start.js" and BUNDLES["reader"][-1] == "reader/mount.js"
    assert BUNDLES["site"] == (*BUNDLES["reader"], "site.js")
