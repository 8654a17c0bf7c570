"""The story's maps on a page: one base map kept per reader and map, never rebuilt or remounted."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.render.mapview import base_map, detach
from storymap.render.panels import map_card_html
from storymap.render.urls import StaticUrls
from storymap.ui.bundle import Bundle


def _session_map(urls: StaticUrls, story: ResolvedStory, key: str) -> tuple[folium.Map, bool]:
    """A base map kept for this reader, and whether it was rendered before: building and
    rendering it anew costs ~10 ms of template compiling at every step."""
    rendered = key in st.session_state
    if not rendered:
        st.session_state[key] = base_map(urls, story)
    return st.session_state[key], rendered


def map_view(bundle: Bundle, key: str, layer: folium.FeatureGroup | None, height: int) -> None:
    """A map kept for this reader: never rebuilt, never remounted. Pages that step it from Python
    pass a highlight layer, and only the layer travels; the story's own maps pass none, because
    the page steps them itself."""
    fmap, rendered = _session_map(bundle.urls, bundle.story, f"{key}_base")
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


def section_map(bundle: Bundle, key: str, section: ResolvedSection, height: int) -> None:
    """The map the page steps itself (storymap/assets/reader/), with the status line for screen
    readers and the legend as Python renders them for `section`, in the card laid over the map.
    The card comes first, so a screen reader hears the step sooner. Callers render it outside the
    fragment that a step reruns, so a rerun never replaces what the page has already changed."""
    st.html(map_card_html(section, templates=bundle.story.meta.template_dir))
    map_view(bundle, key, None, height)
