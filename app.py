"""The story page: the op-ed on one side, the map on the other, moving together."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from storymap.errors import StoryDataError
from storymap.gazetteer import load_gazetteer
from storymap.keyboard import keyboard
from storymap.mapview import base_map, detach, step_layer
from storymap.panels import header_html, legend_html, passage_html, status_html
from storymap.resolve import ResolvedSection, ResolvedStory, resolve
from storymap.shapes import load_shapes
from storymap.static_assets import StaticUrls, publish
from storymap.story import load_story
from storymap.urlstate import section_from_param

ROOT = Path(__file__).resolve().parent
# Another story folder can be served without code changes: STORYMAP_STORY=path/to/story.
STORY_DIR = Path(os.environ.get("STORYMAP_STORY", ROOT / "story"))
ATTRIBUTION = "Natural Earth · GeoNames"
MAP_HEIGHT = 560
PAGE_CSS = (ROOT / "storymap" / "assets" / "page.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Bundle:
    """Everything the page needs that does not change between reruns."""

    story: ResolvedStory
    urls: StaticUrls


@st.cache_resource(show_spinner=False)
def load_bundle(story_dir: str) -> Bundle:
    """Load and resolve a story once per server, and publish the static files."""
    gazetteer = load_gazetteer(ROOT / "geodata" / "gazetteer.yaml")
    shapes = load_shapes(ROOT / "geodata" / "shapes")
    story = resolve(load_story(Path(story_dir), gazetteer), gazetteer, shapes)
    urls = publish(ROOT / "static", ROOT / "geodata" / "shapes", story)
    return Bundle(story=story, urls=urls)


def _move(ids: list[str], step: str) -> None:
    """Step the current section: next, prev, first or last."""
    index = ids.index(st.session_state.section)
    target = {"next": index + 1, "prev": index - 1, "first": 0, "last": len(ids) - 1}[step]
    st.session_state.section = ids[max(0, min(len(ids) - 1, target))]


def main() -> None:
    st.set_page_config(page_title="Map story", layout="wide")
    st.html(f"<style>{PAGE_CSS}</style>")
    try:
        bundle = load_bundle(str(STORY_DIR))
    except StoryDataError as error:
        st.error(f"The story could not be loaded. {error}")
        st.stop()
    story = bundle.story
    st.set_page_config(page_title=story.meta.title)
    ids = story.section_ids()
    titles = {s.id: s.title for s in story.sections}

    notice = None
    if "section" not in st.session_state:
        st.session_state.section, notice = section_from_param(st.query_params.get_all("section"), ids)

    st.html(header_html(story))
    if notice:
        st.info(notice, icon=":material/info:")
    _reader(bundle, ids, titles)
    _footer(story)


@st.fragment
def _reader(bundle: Bundle, ids: list[str], titles: dict[str, str]) -> None:
    """Everything a step changes; a fragment, so a step reruns and re-sends only this."""
    story = bundle.story
    pressed = keyboard(key="keyboard")
    if pressed:
        _move(ids, pressed)
    with st.container(key="story-layout"):
        text_col, map_col = st.columns([5, 7], gap="large")
        with text_col:
            _stepper(ids, titles)
            section = story.sections[ids.index(st.session_state.section)]
            _passage(story, section)
        with map_col, st.container(key="map-panel"):
            fmap, rendered = _session_map(bundle.urls)
            highlights = step_layer(section)
            st_folium(
                fmap,
                key="map",
                height=MAP_HEIGHT,
                use_container_width=True,
                feature_group_to_add=highlights,
                returned_objects=[],
                render=not rendered,
            )
            detach(fmap, highlights)
            st.html(status_html(section))
            st.html(legend_html(section))
    if st.query_params.get("section") != section.id:
        st.query_params["section"] = section.id


def _session_map(urls: StaticUrls) -> tuple[folium.Map, bool]:
    """The reader's base map, and whether it was rendered before: building and rendering it anew
    costs ~10 ms of template compiling at every step."""
    rendered = "base_map" in st.session_state
    if not rendered:
        st.session_state.base_map = base_map(urls, ATTRIBUTION)
    return st.session_state.base_map, rendered


def _stepper(ids: list[str], titles: dict[str, str]) -> None:
    index = ids.index(st.session_state.section)
    prev_col, progress_col, next_col = st.columns([1, 1, 1], vertical_alignment="center")
    prev_col.button("← Previous", on_click=_move, args=(ids, "prev"), disabled=index == 0, width="stretch")
    progress_col.html(
        f'<p class="progress" aria-label="Section {index + 1} of {len(ids)}">{index + 1} of {len(ids)}</p>'
    )
    next_col.button("Next →", on_click=_move, args=(ids, "next"), disabled=index == len(ids) - 1, width="stretch")
    st.selectbox("Go to section", ids, format_func=titles.__getitem__, key="section")
    st.caption("Keys: ← → or j k to step, Home and End for the first and last section.")


def _passage(story: ResolvedStory, section: ResolvedSection) -> None:
    st.subheader(section.title, anchor=False)
    st.html(passage_html(section))
    for note in story.meta.editorial_notes:
        if note.section == section.id:
            st.caption(f"Editor's note: {note.note}")


def _footer(story: ResolvedStory) -> None:
    meta = story.meta
    general = " ".join(n.note for n in meta.editorial_notes if n.section is None)
    st.divider()
    st.caption(f"{meta.source_note} {meta.titles_note} {general}")
    approximate = sorted({p.name for s in story.sections for p in s.places if p.approximate})
    st.caption(
        "Map: boundaries from Natural Earth (public domain), drawn at internationally recognised borders; "
        "city points from GeoNames (CC BY 4.0)."
        + (f" Approximate outlines: {', '.join(approximate)}." if approximate else "")
    )


main()
