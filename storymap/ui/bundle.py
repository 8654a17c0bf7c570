"""The story bundle every page reads: the story, its geodata and its published files, loaded
(through the one loader, `model.project`) and cached once per version of the files.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from storymap import settings
from storymap.model.classroom import SectionMaterial
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer
from storymap.model.project import GAZETTEER_FILE, SHAPES_DIR, Geodata, Project, load_geodata, load_project
from storymap.model.resolve import TEMPLATES_DIR, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.story import STORY_FILE
from storymap.model.timeline import TimelineFile
from storymap.model.world import NAMES_FILE, WORLD_FILE
from storymap.publish.static_assets import STATIC_URL, publish, publish_fonts
from storymap.render.urls import StaticUrls
from storymap.settings import Settings
from storymap.ui.mdtext import literal
from storymap.ui.pages import page_frame

ROOT = Path(__file__).resolve().parents[2]
# Streamlit serves this folder at /app/static (static_assets.STATIC_URL).
STATIC_DIR = ROOT / "static"
# Where a reader's story is kept for their visit.
SESSION_BUNDLE = "story_bundle"


@dataclass(frozen=True)
class Bundle:
    """Everything the pages need that does not change between reruns."""

    project: Project
    urls: StaticUrls
    version: str  # of the data files it was read from; keys what pages cache from it

    @property
    def story(self) -> ResolvedStory:
        return self.project.resolved

    @property
    def gazetteer(self) -> Gazetteer:
        return self.project.gazetteer

    @property
    def shapes(self) -> ShapeIndex:
        return self.project.shapes

    @property
    def timeline(self) -> TimelineFile | None:
        return self.project.timeline

    @property
    def classroom(self) -> dict[str, SectionMaterial]:
        return self.project.classroom


def served_static_url() -> str:
    """Where Streamlit serves the static folder: under the base URL path when the app is deployed
    below one (a newsroom's /story/), so the map's files are found through the proxy."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{STATIC_URL}" if base else STATIC_URL


def app_settings() -> Settings:
    """The settings this app was started with: flags after `--` over the environment."""
    return settings.read(sys.argv[1:])


def files_version(*files: Path) -> str:
    """A fingerprint of the files' sizes and modification times: it changes when an editor saves,
    breaks or removes one, so the next new reader gets the files as they are now."""
    seen = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            seen.append(f"{file}:absent")
        else:
            seen.append(f"{file}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(seen).encode()).hexdigest()[:16]


def _story_files(folder: Path) -> list[Path]:
    """The files of a story folder (story, source, timeline, classroom, about): all those at its top,
    and its own templates, which the published steps are rendered with."""
    try:
        return sorted(p for p in [*folder.iterdir(), *folder.glob(f"{TEMPLATES_DIR}/*")] if p.is_file())
    except OSError:
        return [folder / STORY_FILE]


def _geodata_files(geodata: Path) -> list[Path]:
    world = [geodata / WORLD_FILE, geodata / NAMES_FILE]
    return [geodata / GAZETTEER_FILE, *world, *sorted((geodata / SHAPES_DIR).glob("*.geojson"))]


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_geodata(geodata: str, version: str) -> Geodata:
    """Gazetteer and shapes, read once per version: a broken story file leaves them cached, so
    every new reader meeting it costs no more than reading the story."""
    return load_geodata(Path(geodata))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_bundle(folder: str, geodata: str, version: str) -> Bundle:
    """One story read once per version of its files (`version` is only the cache key); a version
    that fails to load is not cached, so fixing the file is enough to recover."""
    project = load_project(Path(folder), _load_geodata(geodata, files_version(*_geodata_files(Path(geodata)))))
    urls = publish(STATIC_DIR, project.shapes, project.resolved, served_static_url())
    return Bundle(project=project, urls=urls, version=version)


@st.cache_resource(show_spinner=False)
def _font_faces(static_url: str) -> str:
    """The whole text faces, published once per server (storymap/publish/fonts.py)."""
    return publish_fonts(STATIC_DIR, static_url)


def current_geodata() -> Geodata:
    """The geodata as its files are now (the Studio drafts against it, outside any story)."""
    config = app_settings()
    return _load_geodata(str(config.geodata), files_version(*_geodata_files(config.geodata)))


def current_bundle() -> Bundle:
    """The story as its files are now; raises StoryDataError when one of them is broken."""
    config = app_settings()
    version = files_version(*_story_files(config.story), *_geodata_files(config.geodata))
    return _load_bundle(str(config.story), str(config.geodata), version)


def page_bundle(title: str) -> Bundle:
    """Draw the page's frame (storymap/ui/pages.py) and give it the story this reader started with.

    A reader keeps the story of their first page for the whole visit, even when an editor saves,
    breaks or removes a file meanwhile: their section, picker and map stay consistent. A new
    reader gets the files as they are now, or, where one is broken, one clear message naming the
    file (relative to the project), section and field.
    """
    page_frame(title, app_settings().studio, _font_faces(served_static_url()))
    if SESSION_BUNDLE in st.session_state:
        return st.session_state[SESSION_BUNDLE]  # type: ignore[no-any-return]
    try:
        bundle = current_bundle()
    except StoryDataError as error:
        config = app_settings()
        where = error.for_readers(ROOT, config.story.parent, config.geodata.parent)
        st.error(literal(f"The story could not be loaded. {where}"))
        st.stop()
        raise  # st.stop() ends the script; this line only tells the type checker
    st.session_state[SESSION_BUNDLE] = bundle
    return bundle
