"""Classroom: a presenter view (big map, large type, one passage per screen) and a handout."""

import streamlit as st

from storymap.render.handout import handout_html
from storymap.render.panels import passage_html, progress_html
from storymap.ui.mdtext import literal
from storymap.ui.reader import neighbour, reader
from storymap.ui.shared import page_bundle, section_map

bundle = page_bundle("Classroom")
story = bundle.story
ids = story.section_ids()
if "presenter_section" not in st.session_state:
    st.session_state.presenter_section = ids[0]


def _move(step: str) -> None:
    """A step Python made (the page makes its own): the nonce tells the page to follow."""
    st.session_state.presenter_section = neighbour(ids, st.session_state.presenter_section, step)
    st.session_state.presenter_nonce = st.session_state.get("presenter_nonce", 0) + 1


def _moved(section_id: str) -> None:
    """A step the page made by itself: record it."""
    if section_id in ids:
        st.session_state.presenter_section = section_id


@st.cache_data(show_spinner="Preparing the handout…", max_entries=4)
def _handout(version: str) -> str:
    """The handout of this version of the story, built once (it draws a map per section); keyed by
    the version, because an edited story needs a new one."""
    return handout_html(story, bundle.shapes, bundle.classroom)


def presenter() -> None:
    """The passage column steps by fragment reruns; the map column is the page's to step."""
    with st.container(key="presenter"):
        text_col, map_col = st.columns([4, 8], gap="large")
        with text_col:
            presenter_passage()
        with map_col, st.container(key="map-panel"):
            section = story.sections[ids.index(st.session_state.presenter_section)]
            section_map(bundle, "presenter_map", section, 640)


@st.fragment
def presenter_passage() -> None:
    nonce = st.session_state.get("presenter_nonce", 0)
    section_id = st.session_state.presenter_section
    reader(bundle.urls.reader_js, bundle.urls.steps, section_id, nonce, "presenter_keys", _moved)
    index = ids.index(st.session_state.presenter_section)
    section = story.sections[index]
    prev_col, count_col, next_col = st.columns(3, vertical_alignment="center")
    prev_col.button(
        "←",
        key="step-prev",
        on_click=_move,
        args=("prev",),
        disabled=index == 0,
        width="stretch",
        help="Previous (← or k)",
    )
    count_col.html(progress_html(index, len(ids), templates=story.meta.template_dir))
    next_col.button(
        "→",
        key="step-next",
        on_click=_move,
        args=("next",),
        disabled=index == len(ids) - 1,
        width="stretch",
        help="Next (→, j or a clicker)",
    )
    st.html(passage_html(section, templates=story.meta.template_dir))
    material = bundle.classroom.get(section.id)
    if material and st.toggle("Show questions and key terms (ours)", key="show_questions"):
        st.markdown("**For discussion**\n" + "\n".join(f"1. {literal(q)}" for q in material.questions))
        if material.terms:
            terms = (f"- **{literal(t.term)}**: {literal(t.definition)}" for t in material.terms)
            st.markdown("**Key terms**\n" + "\n".join(terms))


presenter()
st.caption(
    "Presenter view: one passage per screen beside a large map. Step with ← → (or j k, Page Up/Down from a "
    "clicker); press F11 for full screen. Questions and key terms are written by the editors, not the author."
)
st.divider()
st.header("Printable handout", anchor=False)
st.write(
    "Every section with its map, the passage, our discussion questions and key terms, laid out to print on "
    "A4 or US Letter. Download it, open it in a browser and print (or save as PDF)."
)
st.download_button(
    "Download the handout (HTML, print-ready)",
    _handout(bundle.version),
    file_name="handout.html",
    mime="text/html",
    key="handout",
)
