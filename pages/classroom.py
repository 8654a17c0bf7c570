"""Classroom: a presenter view (big map, large type, one passage per screen), a class that follows
the teacher on its own devices (`?class=CODE`), and a handout."""

import io
import secrets

import segno
import streamlit as st

from storymap.render.embed import app_address
from storymap.render.handout import handout_html
from storymap.render.panels import passage_html
from storymap.ui.bundle import app_settings, page_bundle
from storymap.ui.classes import class_store, normal_code
from storymap.ui.maps import section_map
from storymap.ui.mdtext import literal
from storymap.ui.stepper import Stepper

bundle = page_bundle("Classroom")
story = bundle.story
store = class_store(app_settings().redis)
stepper = Stepper(story, key="presenter_keys")
if not stepper.started:
    stepper.start(story.sections[0].id)
FOLLOW_EVERY_S = 1.0


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
    if st.toggle("Show questions and key terms (ours)", key="show_questions"):
        material_view(section.id)
    sync_class()


def material_view(section_id: str) -> None:
    """The section's discussion questions and key terms (ours, not the author's)."""
    material = bundle.classroom.get(section_id)
    if not material:
        return
    st.markdown("**For discussion**\n" + "\n".join(f"1. {literal(q)}" for q in material.questions))
    if material.terms:
        terms = (f"- **{literal(t.term)}**: {literal(t.definition)}" for t in material.terms)
        st.markdown("**Key terms**\n" + "\n".join(terms))


def sync_class() -> None:
    """Where a class is running, the teacher's step is the class's: students follow within a second."""
    running = st.session_state.get("class")
    if running and not store.step(running["code"], running["key"], stepper.section_id):
        del st.session_state["class"]  # it expired meanwhile


def start_class() -> None:
    code, key = store.start(stepper.section_id)
    st.session_state["class"] = {"code": code, "key": key}


def end_class() -> None:
    running = st.session_state.pop("class", None)
    if running:
        store.end(running["code"], running["key"])


def class_panel() -> None:
    """Start a class; once started, its code, link and QR code, and how many devices follow."""
    running = st.session_state.get("class")
    if not running:
        st.button("Start a class: students follow on their own devices", key="start_class", on_click=start_class)
        return
    link = f"{app_address(st.context.url or '', str(st.get_option('server.baseUrlPath') or ''))}/classroom?class="
    link += running["code"]
    code_col, qr_col = st.columns([3, 1])
    with code_col:
        st.subheader(f"Class code: {running['code']}", anchor=False)
        st.code(link, language=None)
        following_count(running["code"])
        st.button("End the class", key="end_class", on_click=end_class)
    png, svg = _qr_code(link)
    qr_col.image(png, alt=f"QR code of the class's link, {link}", width="stretch")
    qr_col.download_button("QR code (SVG, to print)", svg, file_name=f"class-{running['code']}.svg")


@st.cache_data(show_spinner=False, max_entries=64)
def _qr_code(link: str) -> tuple[bytes, bytes]:
    """The join link's QR code as PNG (shown) and SVG (to print), drawn once per class, not per rerun."""
    qr = segno.make(link, error="m")
    png, svg = io.BytesIO(), io.BytesIO()
    qr.save(png, kind="png", scale=6, border=2)
    qr.save(svg, kind="svg", scale=6, border=2, title="Join the class")
    return png.getvalue(), svg.getvalue()


@st.fragment(run_every=2.0)
def following_count(code: str) -> None:
    count = store.following(code)
    st.markdown(f"**{count}** device{'' if count == 1 else 's'} following", help="Devices that asked in the last 10 s")


def student_view(raw: str) -> None:
    """A student's view of a running class: the teacher's passage and map, and the questions."""
    code = normal_code(raw)
    state = store.state(code) if code else None
    if code is None or state is None:
        st.error("No class is running under this code: it may have ended, or the code was mistyped.")
        st.page_link("app.py", label="Read the story on your own")
        return
    follower = Stepper(story, key="student_keys")
    if not follower.started:
        follower.start(state.section)
        st.session_state.class_step = state.step
        st.session_state.device = secrets.token_urlsafe(12)
    st.caption(f"Following class {code}: the map and passage move with the teacher's. Look around freely.")
    with st.container(key="presenter"):
        text_col, map_col = st.columns([4, 8], gap="large")
        with text_col:
            follow(code, follower)
        with map_col, st.container(key="map-panel"):
            section_map(bundle, "student_map", follower.section, 560)


@st.fragment(run_every=FOLLOW_EVERY_S)
def follow(code: str, follower: Stepper) -> None:
    """Ask where the teacher is, every second; a new step brings the student back to it."""
    state = store.state(code)
    if state is None:
        st.warning("The class has ended. You can read on alone:")
        st.page_link("app.py", label="Read the story on your own")
        return
    store.seen(code, st.session_state.device)
    if state.step != st.session_state.class_step:
        st.session_state.class_step = state.step
        follower.go(state.section)
    follower.listen(bundle.urls.reader_js, bundle.urls.steps)
    st.button("Back to the teacher", key="back_to_teacher", on_click=follower.go, args=(state.section,))
    section = follower.section
    st.html(passage_html(section, templates=story.meta.template_dir))
    material_view(section.id)


joined = st.query_params.get("class")
if joined is not None:
    student_view(joined)
    st.stop()
presenter()
class_panel()
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
