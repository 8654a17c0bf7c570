"""The story page: the story beside a map that follows the passage being read.

Two ways to read: scrolling (default), where the passage in the middle of the screen drives the
map, and one passage at a time (`?mode=step`), for presenters.
"""

from __future__ import annotations

import streamlit as st

from storymap.model.resolve import ResolvedStory
from storymap.model.urlstate import mode_from_param, section_from_param
from storymap.render.panels import (
    KEYS_HINT,
    header_html,
    map_credit,
    passage_html,
    section_notes,
    story_notes,
)
from storymap.ui.bundle import Bundle, page_bundle
from storymap.ui.maps import section_map
from storymap.ui.mdtext import literal
from storymap.ui.stepper import Mode, Stepper

MAP_HEIGHT = 560
MODES: dict[Mode, str] = {"scroll": "Scroll", "step": "One passage at a time"}


def _stepper(story: ResolvedStory) -> Stepper:
    """The story page's stepper; the section it records is also kept in `?section=`."""
    return Stepper(story, key="reader", url_key="url_section")


def _picked(stepper: Stepper) -> None:
    """A section chosen in the picker, where the page has not reported it itself (it does, at the
    click, with the reader's trigger): Python moves and asks the page to scroll there.

    The browser sends every widget's last value with each rerun, so a report of the page can
    arrive beside the picker's value from before Python's latest move; that is not a choice.
    """
    chosen = st.session_state.picker
    if chosen != stepper.section_id and not st.session_state.get(stepper.key, {}).get("section"):
        stepper.go(chosen)


def story_page() -> None:
    """The story itself: header, the reader in the chosen mode, footer."""
    bundle = page_bundle("Story")
    story = bundle.story
    st.set_page_config(page_title=story.meta.title)
    stepper = _stepper(story)

    notices = []
    if not stepper.started:
        first, notice = section_from_param(st.query_params.get_all("section"), stepper.ids)
        stepper.start(first)
        st.session_state.mode = mode_from_param(st.query_params.get("mode"))
        notices.append(notice)
        if st.query_params.get_all("section"):
            stepper.request()

    st.html(header_html(story))
    for notice in filter(None, notices):
        st.info(notice)
    st.segmented_control(
        "How to read", list(MODES), format_func=MODES.__getitem__, key="mode", on_change=_mode_changed, args=(stepper,)
    )
    mode: Mode = st.session_state.mode or "scroll"
    if mode == "scroll":
        _scroll_layout(bundle, stepper)
    else:
        _step_layout(bundle, stepper)
    _footer(story)


def _mode_changed(stepper: Stepper) -> None:
    """Switch modes at the section the reader is on: the URL the page sent with this rerun names
    it, and may be newer than Python's record."""
    if st.session_state.mode is None:  # a second click on the selected option clears it
        st.session_state.mode = "scroll"
    if st.query_params.get("section") in stepper.ids:
        stepper.record(st.query_params["section"])
    st.query_params["mode"] = st.session_state.mode
    stepper.request()


def _scroll_layout(bundle: Bundle, stepper: Stepper) -> None:
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
            _scroll_controls(bundle, stepper)
            section_map(bundle, "map", stepper.section, MAP_HEIGHT)


@st.fragment
def _scroll_controls(bundle: Bundle, stepper: Stepper) -> None:
    """The listener and the stepper; a settled scroll reruns only this, never the map."""
    _follow_reader(bundle, stepper)
    _step_controls(stepper)


def _step_layout(bundle: Bundle, stepper: Stepper) -> None:
    """One passage at a time beside the map; a step reruns only the passage column."""
    with st.container(key="story-layout"):
        text_col, map_col = st.columns([5, 7], gap="large")
        with text_col:
            st.caption(KEYS_HINT)
            _step_passage(bundle, stepper)
        with map_col, st.container(key="map-panel"):
            section_map(bundle, "map", stepper.section, MAP_HEIGHT)


@st.fragment
def _step_passage(bundle: Bundle, stepper: Stepper) -> None:
    """The listener, the stepper and the passage: the text follows the map with this rerun."""
    story = bundle.story
    _follow_reader(bundle, stepper)
    _step_controls(stepper)
    section = stepper.section
    st.html(passage_html(section, section_notes(story, section.id), templates=story.meta.template_dir))


def _follow_reader(bundle: Bundle, stepper: Stepper) -> None:
    """Listen to the reader in the page (keys, clicks, scrolling) and keep the URL in step."""
    stepper.listen(bundle.urls.reader_js, bundle.urls.steps)
    _sync_url(stepper)


def _sync_url(stepper: Stepper) -> None:
    """Write `?section=` where Python moved the section. The page writes its own moves (with
    history.replaceState); writing them again could land after the reader has moved on, and
    Streamlit pushes a history entry for a query string that differs from the page's."""
    if st.session_state.get("url_section") != stepper.section_id:
        st.query_params["section"] = st.session_state.url_section = stepper.section_id


def _step_controls(stepper: Stepper) -> None:
    """Previous, the count, Next and the picker, in one slim row that leaves the map its height."""
    titles = {s.id: s.title for s in stepper.story.sections}
    with st.container(key="stepper"):
        (picker_col,) = stepper.buttons(("← Previous", "Next →"), [2, 1.3, 2, 5])
        if st.session_state.get("picker") != stepper.section_id:  # setting it closes an open list
            st.session_state.picker = stepper.section_id
        picker_col.selectbox(
            "Go to section",
            stepper.ids,
            format_func=titles.__getitem__,
            key="picker",
            on_change=_picked,
            args=(stepper,),
            label_visibility="collapsed",
        )


def _footer(story: ResolvedStory) -> None:
    st.divider()
    st.caption(literal(story_notes(story)))
    st.caption(literal(map_credit(story)))


story_page()
