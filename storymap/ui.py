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
from storymap.mapview import base_map, detach, step_layer
from storymap.panels import legend_html, status_html
from storymap.resolve import ResolvedSection, ResolvedStory, resolve
from storymap.shapes import ShapeIndex, load_shapes
from storymap.static_assets import StaticUrls, publish
from storymap.story import load_story
from storymap.timeline import TimelineFile, load_timeline

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTION = "Natural Earth · GeoNames"
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


def map_view(urls: StaticUrls, key: str, layer: folium.FeatureGroup, height: int) -> None:
    """The reader's map with a highlight layer: never rebuilt, never remounted, only the layer travels."""
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
    detach(fmap, layer)


def section_map(urls: StaticUrls, key: str, section: ResolvedSection, height: int) -> None:
    """A section's map, the status line for screen readers and the legend. The status line is
    sent first, so the page announces the step before the map's own message arrives; the
    stylesheet shows it under the map."""
    st.html(status_html(section))
    map_view(urls, key, step_layer(section), height)
    st.html(legend_html(section))
