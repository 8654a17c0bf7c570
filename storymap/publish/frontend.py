"""Streamlit's frontend (and streamlit-folium's, the map's frame), as nginx serves it from disk.

Every file there is named by its content, so nginx serves them itself, cached by browsers for a
year, instead of asking a replica for each. Two changes on the way:

- each text file is compressed once, at brotli's and gzip's strongest levels (a tenth smaller than
  what nginx can afford per response), and nginx sends the one the browser asks for;
- Streamlit's three fonts that every page loads are cut to what a first view draws
  (storymap/publish/fonts.py). Those cuts depend on the app's code (its icons), not only on the
  file they come from, so nginx serves them under Streamlit's URL with `no-cache`: a browser asks
  again, and gets a 304 unless they changed.

The folder is built once per Streamlit, streamlit-folium and cut, in a cache folder the recipe
names (deploy/stack.py: run/frontend/), and reused by every start (the first build takes about half
a minute on two cores).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import brotli

from storymap.publish import fonts
from storymap.publish.preloads import MAP_COMPONENT, MAP_COMPONENT_BUILD

# Where each frontend is served, below the base path, and the folder it comes from.
STREAMLIT_FILES = "/static/"
MAP_FILES = f"/{MAP_COMPONENT}/static/"
SOURCES = {STREAMLIT_FILES: fonts.STREAMLIT_STATIC, MAP_FILES: MAP_COMPONENT_BUILD / "static"}
COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".txt", ".html", ".ttf", ".otf"}
SMALLEST = 1024  # bytes: below this, compression saves less than its own framing


@dataclass(frozen=True)
class Frontend:
    """The built folder for each URL prefix, and the cut fonts' URLs (below the base path)."""

    folders: dict[str, Path]
    cut_fonts: dict[str, Path]


def build(app_sources: list[Path], cache: Path) -> Frontend:
    """The frontends' folders with compressed copies and the cut fonts (keeping the icons the app's
    sources name), built in `cache` unless already there."""
    names = sorted(fonts.icon_names(*app_sources))
    # What the folder is made from: the packages, the icons kept, and the code that cuts and compresses.
    made_by = [version("streamlit"), version("streamlit-folium"), *names]
    code = b"".join(Path(module).read_bytes() for module in (fonts.__file__, __file__))
    key = hashlib.sha256("\n".join(made_by).encode() + code).hexdigest()[:16]
    root = cache / key
    folders = {prefix: root / str(index) for index, prefix in enumerate(SOURCES)}
    media = [fonts.streamlit_font(stem).name for stem in [*fonts.TEXT_FACES, fonts.ICON_FACE]]
    cut = {f"{STREAMLIT_FILES}media/{name}": folders[STREAMLIT_FILES] / "media" / name for name in media}
    if not (root / "done").exists():
        _build(root, folders, names)
    return Frontend(folders, cut)


def _build(root: Path, folders: dict[str, Path], icon_names: list[str]) -> None:
    """Link every file, compress the text ones, write the cut fonts; `done` marks it whole."""
    partial = root.with_name(f".{root.name}.{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    to_compress = []
    for prefix, source in SOURCES.items():
        target = partial / folders[prefix].name
        for file in source.rglob("*"):
            if file.is_file() and file.suffix != ".map":
                (target / file.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
                (target / file.relative_to(source)).symlink_to(file)
                if file.suffix in COMPRESSIBLE and file.stat().st_size >= SMALLEST:
                    to_compress.append((file, target / file.relative_to(source)))
    with ProcessPoolExecutor() as pool:
        list(pool.map(_compress, *zip(*to_compress, strict=True), chunksize=8))
    media = partial / folders[STREAMLIT_FILES].name / "media"
    for stem in fonts.TEXT_FACES:
        _replace(media / fonts.streamlit_font(stem).name, fonts.cut_text_face(fonts.streamlit_font(stem)))
    icons = fonts.streamlit_font(fonts.ICON_FACE)
    _replace(media / icons.name, fonts.cut_icon_face(icons, icon_names))
    (partial / "done").touch()
    try:
        partial.rename(root)
    except OSError:  # another start built it meanwhile
        shutil.rmtree(partial, ignore_errors=True)


def _compress(source: Path, target: Path) -> None:
    content = source.read_bytes()
    Path(f"{target}.br").write_bytes(brotli.compress(content, quality=11))
    Path(f"{target}.gz").write_bytes(gzip.compress(content, compresslevel=9, mtime=0))


def _replace(link: Path, content: bytes) -> None:
    link.unlink()
    link.write_bytes(content)
