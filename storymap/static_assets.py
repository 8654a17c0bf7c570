"""Publishing the files the browser fetches (Leaflet, the shapes) into Streamlit's static folder.

Leaflet comes from the xstatic-leaflet package and the shapes from geodata/shapes, so nothing
third-party is committed and nothing is downloaded: the app copies them at start-up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def publish(static_dir: Path, shapes_dir: Path) -> list[Path]:
    """Copy Leaflet and the shape files into static_dir where they are missing or stale."""
    leaflet = Path(xstatic_leaflet.BASE_DIR)
    pairs = [(leaflet / name, static_dir / "vendor" / "leaflet" / name) for name in LEAFLET_FILES]
    pairs += [
        (image, static_dir / "vendor" / "leaflet" / "images" / image.name) for image in (leaflet / "images").iterdir()
    ]
    pairs += [(shape, static_dir / "geodata" / shape.name) for shape in sorted(shapes_dir.glob("*.geojson"))]
    copied = []
    for source, target in pairs:
        if (
            not target.exists()
            or target.stat().st_mtime < source.stat().st_mtime
            or target.stat().st_size != source.stat().st_size
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied.append(target)
    return copied
