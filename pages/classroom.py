"""Classroom: a presenter view (big map, large type, one passage per screen) and a handout."""

import streamlit as st

from storymap.render.handout import handout_html
from storymap.render.panels import passage_html
from storymap.ui.bundle import page_bundle
from storymap.ui.maps import section_map
from storymap.ui.mdtext import literal
from storymap.ui.stepper import Stepper

bundle = page_bundle("Classroom")
story = bundle.story
stepper = Stepper(story, key="presenter_keys")
if not stepper.started:
    stepper.start(story.sections[0].id)


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
            section_map(bundle, "presenter_map", stepper.section, 640)


@st.fragment
def presenter_passage() -> None:
    stepper.listen(bundle.urls.reader_js, bundle.urls.steps)
    stepper.buttons(("←", "→"), [1, 1, 1], hints=("Previous (← or k)", "Next (→, j or a clicker)"))
    section = stepper.section
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
