"""The story page: the story beside a map that follows the passage being read.

Two ways to read: scrolling (default), where the passage in the middle of the screen drives the
map, and one passage at a time (`?mode=step`), for presenters.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.urlstate import mode_from_param, section_from_param
from storymap.render.panels import (
    KEYS_HINT,
    header_html,
    map_credit,
    passage_html,
    progress_html,
    section_notes,
    story_notes,
)
from storymap.ui.mdtext import literal
from storymap.ui.reader import Mode, neighbour, reader
from storymap.ui.shared import Bundle, page_bundle, section_map

MAP_HEIGHT = 560
MODES: dict[Mode, str] = {"scroll": "Scroll", "step": "One passage at a time"}


def _move(ids: list[str], step: str) -> None:
    """Step the current section (next, prev, first, last) and ask the page to scroll there."""
    st.session_state.section = neighbour(ids, st.session_state.section, step)
    _request_scroll()


def _moved(ids: list[str]) -> Callable[[str], None]:
    """Record a section the page has moved to by itself; an id not in the story is ignored."""

    def record(section_id: str) -> None:
        if section_id in ids:
            st.session_state.section = section_id
            st.session_state.url_section = section_id  # the page has put it in the URL already

    return record


def _picked() -> None:
    """A section chosen in the picker, where the page has not reported it itself (it does, at the
    click, with the reader's trigger): Python moves and asks the page to scroll there.

    The browser sends every widget's last value with each rerun, so a report of the page can
    arrive beside the picker's value from before Python's latest move; that is not a choice.
    """
    chosen = st.session_state.picker
    if chosen != st.session_state.section and not st.session_state.get("reader", {}).get("section"):
        st.session_state.section = chosen
        _request_scroll()


def _request_scroll() -> None:
    st.session_state.scroll_nonce = st.session_state.get("scroll_nonce", 0) + 1


def story_page() -> None:
    """The story itself: header, the reader in the chosen mode, footer."""
    bundle = page_bundle("Story")
    story = bundle.story
    st.set_page_config(page_title=story.meta.title)
    ids = story.section_ids()

    notices = []
    if "section" not in st.session_state:
        st.session_state.section, notice = section_from_param(st.query_params.get_all("section"), ids)
        st.session_state.mode = mode_from_param(st.query_params.get("mode"))
        notices.append(notice)
        if st.query_params.get_all("section"):
            _request_scroll()

    st.html(header_html(story))
    for notice in filter(None, notices):
        st.info(notice)
    st.segmented_control(
        "How to read", list(MODES), format_func=MODES.__getitem__, key="mode", on_change=_mode_changed, args=(ids,)
    )
    mode: Mode = st.session_state.mode or "scroll"
    if mode == "scroll":
        _scroll_layout(bundle, ids)
    else:
        _step_layout(bundle, ids)
    _footer(story)


def _mode_changed(ids: list[str]) -> None:
    """Switch modes at the section the reader is on: the URL the page sent with this rerun names
    it, and may be newer than Python's record."""
    if st.session_state.mode is None:  # a second click on the selected option clears it
        st.session_state.mode = "scroll"
    if st.query_params.get("section") in ids:
        st.session_state.section = st.session_state.url_section = st.query_params["section"]
    st.query_params["mode"] = st.session_state.mode
    _request_scroll()


def _scroll_layout(bundle: Bundle, ids: list[str]) -> None:
    """The whole text in one column; the map pinned beside it follows the passage being read."""
    story = bundle.story
    with st.container(key="story-layout"):
        text_col, map_col = st.columns([5, 7], gap="large")
        with text_col:
            st.caption(KEYS_HINT)
            templates = story.meta.template_dir
            blocks = "".join(passage_html(s, section_notes(story, s.id), templates=templates) for s in story.sections)
            st.html(f'<div class="story-passages">{blocks}</div>')
        with map_col, st.container(key="map-panel"):
            _scroll_controls(bundle, ids)
            section_map(bundle, "map", _current(story, ids), MAP_HEIGHT)


@st.fragment
def _scroll_controls(bundle: Bundle, ids: list[str]) -> None:
    """The listener and the stepper; a settled scroll reruns only this, never the map."""
    _follow_reader(bundle, ids)
    _stepper(bundle.story, ids)


def _step_layout(bundle: Bundle, ids: list[str]) -> None:
    """One passage at a time beside the map; a step reruns only the passage column."""
    story = bundle.story
    with st.container(key="story-layout"):
        text_col, map_col = st.columns([5, 7], gap="large")
        with text_col:
            st.caption(KEYS_HINT)
            _step_passage(bundle, ids)
        with map_col, st.container(key="map-panel"):
            section_map(bundle, "map", _current(story, ids), MAP_HEIGHT)


@st.fragment
def _step_passage(bundle: Bundle, ids: list[str]) -> None:
    """The listener, the stepper and the passage: the text follows the map with this rerun."""
    story = bundle.story
    _follow_reader(bundle, ids)
    _stepper(story, ids)
    section = _current(story, ids)
    st.html(passage_html(section, section_notes(story, section.id), templates=story.meta.template_dir))


def _current(story: ResolvedStory, ids: list[str]) -> ResolvedSection:
    return story.sections[ids.index(st.session_state.section)]


def _follow_reader(bundle: Bundle, ids: list[str]) -> None:
    """Listen to the reader in the page (keys, clicks, scrolling) and keep the URL in step."""
    nonce = st.session_state.get("scroll_nonce", 0)
    reader(bundle.urls.reader_js, bundle.urls.steps, st.session_state.section, nonce, "reader", _moved(ids))
    _sync_url()


def _sync_url() -> None:
    """Write `?section=` where Python moved the section. The page writes its own moves (with
    history.replaceState); writing them again could land after the reader has moved on, and
    Streamlit pushes a history entry for a query string that differs from the page's."""
    if st.session_state.get("url_section") != st.session_state.section:
        st.query_params["section"] = st.session_state.section
        st.session_state.url_section = st.session_state.section


def _stepper(story: ResolvedStory, ids: list[str]) -> None:
    """Previous, the count, Next and the picker, in one slim row that leaves the map its height.
    In the browser the page handles the buttons and the picker itself, at once; their callbacks
    are Python's own moves (in AppTest, or a click before the page's script has loaded), which the
    page follows through the nonce."""
    index = ids.index(st.session_state.section)
    titles = {s.id: s.title for s in story.sections}
    with st.container(key="stepper"):
        prev_col, progress_col, next_col, picker_col = st.columns([2, 1.3, 2, 5], vertical_alignment="center")
        prev_col.button(
            "← Previous", key="step-prev", on_click=_move, args=(ids, "prev"), disabled=index == 0, width="stretch"
        )
        progress_col.html(progress_html(index, len(ids), templates=story.meta.template_dir))
        next_col.button(
            "Next →",
            key="step-next",
            on_click=_move,
            args=(ids, "next"),
            disabled=index == len(ids) - 1,
            width="stretch",
        )
        if st.session_state.get("picker") != st.session_state.section:  # setting it closes an open list
            st.session_state.picker = st.session_state.section
        picker_col.selectbox(
            "Go to section",
            ids,
            format_func=titles.__getitem__,
            key="picker",
            on_change=_picked,
            label_visibility="collapsed",
        )


def _footer(story: ResolvedStory) -> None:
    st.divider()
    st.caption(literal(story_notes(story)))
    st.caption(literal(map_credit(story)))


story_page()
