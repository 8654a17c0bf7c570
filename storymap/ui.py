"""What every page of the app shares: the cached story bundle, the page styles, the base map.

The only module besides reader.py that imports Streamlit; pages lay out, this loads and caches.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from storymap.classroom import SectionMaterial, load_classroom
from storymap.errors import StoryDataError
from storymap.gazetteer import Gazetteer, load_gazetteer
from storymap.mapview import ATTRIBUTION, base_map, detach
from storymap.panels import legend_html, status_html
from storymap.resolve import ResolvedSection, ResolvedStory, resolve
from storymap.shapes import ShapeIndex, load_shapes
from storymap.static_assets import StaticUrls, publish
from storymap.story import load_story
from storymap.timeline import TimelineFile, load_timeline

ROOT = Path(__file__).resolve().parent.parent
PAGE_CSS = (ROOT / "storymap" / "assets" / "page.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Bundle:
    """Everything the pages need that does not change between reruns."""

    story: ResolvedStory
    urls: StaticUrls
    gazetteer: Gazetteer
    shapes: ShapeIndex
    timeline: TimelineFile | None
    classroom: dict[str, SectionMaterial]


def story_dir() -> Path:
    """The story folder: story/, or another one named by STORYMAP_STORY."""
    return Path(os.environ.get("STORYMAP_STORY", ROOT / "story"))


@st.cache_resource(show_spinner=False)
def _load_bundle(folder: str) -> Bundle:
    gazetteer = load_gazetteer(ROOT / "geodata" / "gazetteer.yaml")
    shapes = load_shapes(ROOT / "geodata" / "shapes")
    story = resolve(load_story(Path(folder), gazetteer), gazetteer, shapes)
    return Bundle(
        story=story,
        urls=publish(ROOT / "static", ROOT / "geodata" / "shapes", story),
        gazetteer=gazetteer,
        shapes=shapes,
        timeline=load_timeline(Path(folder), gazetteer, shapes),
        classroom=load_classroom(Path(folder), story.section_ids()),
    )


PAGES = [
    ("app.py", "Story"),
    ("pages/places.py", "Places"),
    ("pages/timeline.py", "Timeline"),
    ("pages/classroom.py", "Classroom"),
    ("pages/embed.py", "Embed"),
    ("pages/about.py", "About"),
]


def page_bundle(title: str) -> Bundle:
    """Set up a page and load the story once per server; a broken file stops the page with one
    clear message naming the file, section and field."""
    st.set_page_config(page_title=title, layout="wide", initial_sidebar_state="collapsed")
    st.html(f"<style>{PAGE_CSS}</style>")
    if not st.context.is_embedded:
        with st.container(key="site-nav", horizontal=True):
            for script, label in PAGES:
                st.page_link(script, label=label)
    try:
        return _load_bundle(str(story_dir()))
    except StoryDataError as error:
        st.error(f"The story could not be loaded. {error}")
        st.stop()
        raise  # st.stop() ends the script; this line only tells the type checker


def _session_map(urls: StaticUrls, key: str) -> tuple[folium.Map, bool]:
    """A base map kept for this reader, and whether it was rendered before: building and
    rendering it anew costs ~10 ms of template compiling at every step."""
    rendered = key in st.session_state
    if not rendered:
        st.session_state[key] = base_map(urls, ATTRIBUTION)
    return st.session_state[key], rendered


def map_view(urls: StaticUrls, key: str, layer: folium.FeatureGroup | None, height: int) -> None:
    """A map kept for this reader: never rebuilt, never remounted. Pages that step it from Python
    pass a highlight layer, and only the layer travels; the story's own maps pass none, because
    the page steps them itself."""
    fmap, rendered = _session_map(urls, f"{key}_base")
    st_folium(
        fmap,
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=layer,
        returned_objects=[],
        render=not rendered,
    )
    if layer is not None:
        detach(fmap, layer)


def section_map(urls: StaticUrls, key: str, section: ResolvedSection, height: int) -> None:
    """The map the page steps itself (storymap/assets/reader.js), with the status line for screen
    readers and the legend as Python renders them for `section`. Callers render it outside the
    fragment that a step reruns, so a rerun never replaces what the page has already changed."""
    st.html(status_html(section))
    map_view(urls, key, None, height)
    st.html(legend_html(section))
