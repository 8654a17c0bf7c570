"""Studio: an author turns an article into a map story in the browser, from paste to zips.

The draft lives server-side (storymap/authoring/drafts.py) under a token in this page's address,
written after every change, so a reload, a dropped connection or a restarted server loses nothing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from storymap.authoring.draft import DraftError
from storymap.authoring.drafts import DraftStore
from storymap.authoring.studio import (
    NONE_OF_THESE,
    Passage,
    PlaceNote,
    SourceEntry,
    StudioDraft,
    answer,
    draft_from_zip,
    file_stem,
    folder_zip,
    highlighted,
    merge_with_next,
    new_draft,
    open_questions,
    read_upload,
    search_places,
    set_role,
    split,
)
from storymap.authoring.studio_output import Review, review, site_zip
from storymap.model.project import Geodata
from storymap.model.story import Role
from storymap.ui.bundle import app_settings, current_geodata, page_bundle
from storymap.ui.mdtext import literal

page_bundle("Studio")
config = app_settings()
st.title("Studio")
if not config.studio:
    st.info(
        "The Studio is off on this server. An author running the app for themselves turns it on with "
        "STORYMAP_STUDIO=on (or `--studio on`); docs/studio.md says how to offer it safely."
    )
    st.stop()

store = DraftStore(config.drafts)
geodata = current_geodata()
gazetteer = geodata.gazetteer
ROLES = {"focus": "Focus", "context": "Context", "drop": "Drop"}


def place_label(place_id: str) -> str:
    """A place as the author reads it: name, kind and id (ids tell Georgia the country from the state)."""
    if place_id not in gazetteer:
        return place_id
    place = gazetteer[place_id]
    return f"{place.name} ({place.kind.value}, {place_id})"


def _draft() -> tuple[str | None, StudioDraft | None]:
    """The draft this address names, read once per session and kept in step with the store."""
    token = st.query_params.get("draft")
    if not token:
        return None, None
    if st.session_state.get("studio_token") != token:
        st.session_state.studio_token = token
        st.session_state.studio_draft = store.load(token)
    return token, st.session_state.studio_draft


def _save(token: str, draft: StudioDraft) -> None:
    store.save(token, draft)
    st.session_state.studio_draft = draft


def _start(draft: StudioDraft) -> None:
    token = store.create(draft)
    st.session_state.studio_token, st.session_state.studio_draft = token, draft
    st.query_params["draft"] = token


def start_view() -> None:
    """Paste or upload an article (or open a saved draft) and let the draft read it."""
    st.write(
        "Paste an article or upload it as plain text or Markdown. The draft proposes a section per paragraph "
        "and the places each names, with the words it found them by; you decide the rest. Your work is saved "
        "after every change, under the address this page moves to: keep it to come back."
    )
    with st.form("studio_start"):
        title = st.text_input("Our title for the story", max_chars=200)
        author = st.text_input("Author", max_chars=200)
        publication = st.text_input("Where and when it was published", max_chars=300)
        pasted = st.text_area("The article's text", height=240)
        upload = st.file_uploader("…or upload it (.txt or .md)", type=["txt", "md", "markdown"])
        go = st.form_submit_button("Draft the story", type="primary")
    if go:
        try:
            text = read_upload(upload.name, upload.getvalue()) if upload else read_upload("", pasted.encode("utf-8"))
        except DraftError as error:
            st.error(literal(str(error)))
        else:
            _start(new_draft(text, gazetteer, title=title, author=author, publication=publication))
            st.rerun()
    saved = st.file_uploader("Open a draft saved as its zip", type=["zip"], key="studio_open")
    if saved is not None:
        try:
            _start(draft_from_zip(saved.getvalue()))
        except DraftError as error:
            st.error(literal(str(error)))
        else:
            st.rerun()


@st.cache_resource(show_spinner=False, max_entries=16)
def _review(body: str, _geodata: Geodata) -> Review:
    """The check of one state of a draft (keyed by its JSON): every rerun of an unchanged draft reuses it."""
    return review(StudioDraft.model_validate_json(body), _geodata)


def _map_image(checked: Review, section_id: str) -> bytes | None:
    """The passage's map; a machine without Cairo (the PNG's renderer) shows the check alone."""
    try:
        return checked.section_png(section_id)
    except OSError:
        return None


def meta_view(token: str, draft: StudioDraft) -> None:
    columns = st.columns(4)
    fields = (("title", "Our title"), ("author", "Author"), ("publication", "Published"), ("label", "Label"))
    for column, (name, label) in zip(columns, fields, strict=True):
        value = column.text_input(label, getattr(draft, name), key=f"meta_{name}", max_chars=300)
        if value != getattr(draft, name):
            setattr(draft, name, value)
            _save(token, draft)


def queue_view(token: str, draft: StudioDraft) -> None:
    """The review queue: every ambiguous name, with its choices one click away."""
    pending = open_questions(draft)
    if not pending:
        st.success("Every ambiguous name is decided.")
        return
    st.warning(f"{len(pending)} ambiguous name{'s' if len(pending) > 1 else ''} to decide before publishing.")
    with st.expander("The names to decide", expanded=True):
        for passage, index in pending:
            question_row(token, draft, passage, index)


def question_row(token: str, draft: StudioDraft, passage: Passage, index: int) -> None:
    """One ambiguous name, the places it may mean and "none of these", each one click away."""
    question = passage.questions[index]
    with st.container(border=True, key=f"q-{passage.id}-{index}"):
        st.markdown(f"**“{literal(question.term)}”** in *{literal(_short(passage))}*: {literal(question.why)}")
        row = st.container(horizontal=True)
        for option in [*question.options, NONE_OF_THESE]:
            label = "None of these" if option == NONE_OF_THESE else place_label(option)
            if row.button(label, key=f"a-{passage.id}-{index}-{option}"):
                answer(passage, index, option)
                _save(token, draft)
                st.rerun()


def _opening(passage: Passage) -> str:
    """A passage by its first words: what an author recognises, and stable while its title changes."""
    return " ".join(passage.text.split()[:8]) + "…"


def _short(passage: Passage) -> str:
    return passage.title or _opening(passage)


def passage_view(token: str, draft: StudioDraft, checked: Review) -> None:
    """One passage: its text, title, places (why and how sure), notes, problems and map."""
    labels = [f"{i + 1}. {_opening(p)}" for i, p in enumerate(draft.passages)]
    index = st.selectbox("Passage", range(len(labels)), format_func=labels.__getitem__, key="studio_passage")
    index = min(index or 0, len(draft.passages) - 1)
    passage = draft.passages[index]
    edit_col, map_col = st.columns([6, 5], gap="large")
    with edit_col:
        title = st.text_input("Our title for this passage", passage.title, key=f"title-{passage.id}", max_chars=120)
        if title != passage.title:
            passage.title = title
            _save(token, draft)
            st.rerun()  # the check above reads the draft as it is now
        st.text(passage.text)
        places_editor(token, draft, passage)
        add_place(token, draft, passage)
        notes_editor(token, draft, passage)
        structure_buttons(token, draft, index)
        for problem in checked.problems:
            if problem.section == passage.id:
                st.error(literal(f"{problem.field or problem.file}: {problem.message}"))
    with map_col:
        png = _map_image(checked, passage.id)
        if png:
            places = ", ".join(place_label(p) for p in passage.focus + passage.context) or "no places"
            st.image(
                png,
                caption="This passage's map, as the story's images draw it",
                alt=f"Map of this passage: {places}",
                width="stretch",
            )
        else:
            st.caption("The map appears once the story loads: see the problems listed.")


def places_editor(token: str, draft: StudioDraft, passage: Passage) -> None:
    rows = [
        {
            "place": place_label(p),
            "role": ROLES[role],
            "found by": ", ".join(passage.reasons[p].words) if p in passage.reasons else "added by you",
            "how sure": passage.reasons[p].sureness.value if p in passage.reasons else "",
            "id": p,
        }
        for role, ids in (("focus", passage.focus), ("context", passage.context))
        for p in ids
    ]
    if not rows:
        st.caption("No places in this passage.")
        return
    edited = st.data_editor(
        pd.DataFrame(rows),
        key=f"places-{passage.id}-{len(rows)}-{hash(tuple(r['id'] + r['role'] for r in rows))}",
        hide_index=True,
        disabled=["place", "found by", "how sure", "id"],
        column_config={"role": st.column_config.SelectboxColumn("role", options=list(ROLES.values()), required=True)},
        width="stretch",
    )
    by_label = {v: k for k, v in ROLES.items()}
    changed = False
    for row in edited.to_dict("records"):
        wanted = by_label[row["role"]]
        now = "focus" if row["id"] in passage.focus else "context"
        if wanted != now:
            set_role(passage, row["id"], None if wanted == "drop" else Role(wanted))
            changed = True
    if changed:
        _save(token, draft)
        st.rerun()


def add_place(token: str, draft: StudioDraft, passage: Passage) -> None:
    query = st.text_input("Add a place: search by name or other name", key=f"search-{passage.id}", max_chars=80)
    found = search_places(gazetteer, query) if query else []
    if query and not found:
        st.caption("No place of that name in the gazetteer.")
    if found:
        columns = st.columns([5, 2, 2])
        chosen = columns[0].selectbox("Place", found, format_func=place_label, key=f"found-{passage.id}")
        role = columns[1].selectbox("as", ["context", "focus"], key=f"role-{passage.id}")
        if columns[2].button("Add", key=f"add-{passage.id}") and chosen:
            set_role(passage, chosen, Role(role))
            _save(token, draft)
            st.rerun()


def notes_editor(token: str, draft: StudioDraft, passage: Passage) -> None:
    """A note and its source for each place this passage highlights: the reader sees both."""
    for place_id in passage.focus + passage.context:
        if gazetteer[place_id].note is not None and place_id not in draft.notes:
            continue  # our gazetteer has a sourced note already
        written = place_id in draft.notes
        with st.expander(f"Note on {place_label(place_id)}{' (written)' if written else ''}", expanded=not written):
            note_form(token, draft, place_id)


def note_form(token: str, draft: StudioDraft, place_id: str) -> None:
    current = draft.notes.get(place_id)
    source = draft.sources.get(current.source) if current else None
    with st.form(f"note-{place_id}"):
        note = st.text_area("One or two neutral sentences", current.note if current else "", max_chars=600)
        publisher = st.text_input("Source: publisher", source.publisher if source else "", max_chars=200)
        title = st.text_input("Source: title", source.title if source else "", max_chars=300)
        date = st.text_input("Source: date", source.date if source else "", max_chars=60)
        url = st.text_input("Source: address (only if you saw the page)", source.url or "" if source else "")
        if st.form_submit_button("Save the note"):
            if not (note.strip() and publisher.strip() and title.strip() and date.strip()):
                st.error("A note needs its text and its source's publisher, title and date.")
                return
            key = f"{place_id.lower()}-note"
            draft.sources[key] = SourceEntry(publisher=publisher, title=title, date=date, url=url.strip() or None)
            draft.notes[place_id] = PlaceNote(note=note, source=key)
            _save(token, draft)
            st.rerun()


def structure_buttons(token: str, draft: StudioDraft, index: int) -> None:
    merge_col, split_col = st.columns(2)
    last = index == len(draft.passages) - 1
    if merge_col.button("Merge with the next passage", key="merge", disabled=last):
        merge_with_next(draft, index)
        _save(token, draft)
        st.rerun()
    if split_col.button("Split into paragraphs", key="split", disabled="\n\n" not in draft.passages[index].text):
        split(draft, index, gazetteer)
        _save(token, draft)
        st.rerun()


def takeaway_view(draft: StudioDraft, checked: Review) -> None:
    """The downloads: the folder at any time (it also saves the draft), the static edition when ready."""
    stem = file_stem(draft)
    folder_col, site_col = st.columns(2)
    folder_col.download_button(
        "Download the story folder (zip)", folder_zip(draft), file_name=f"{stem}-story.zip", mime="application/zip"
    )
    blocked = open_questions(draft) or not checked.ready
    if blocked:
        site_col.caption("The static edition is ready to download once every name is decided and the check passes.")
    elif site_col.button("Build the static edition"):
        with st.spinner("Building the static edition…"):
            st.session_state.studio_site = site_zip(draft, geodata)
    if not blocked and st.session_state.get("studio_site"):
        site_col.download_button(
            "Download the static edition (zip)",
            st.session_state.studio_site,
            file_name=f"{stem}-site.zip",
            mime="application/zip",
        )


def check_view(draft: StudioDraft, checked: Review) -> None:
    if checked.ready:
        st.success("The check passes: this folder is ready for readers.")
        return
    with st.expander(f"The check: {len(checked.problems)} problem(s)", expanded=False):
        for problem in checked.problems:
            where = " · ".join(x for x in (problem.file, problem.section, problem.field) if x)
            st.markdown(f"- {literal(where)}: {literal(problem.message)}")


def work_view(token: str, draft: StudioDraft) -> None:
    meta_view(token, draft)
    checked = _review(draft.model_dump_json(), geodata)
    queue_view(token, draft)
    check_view(draft, checked)
    passage_view(token, draft, checked)
    st.divider()
    st.caption(f"{len(highlighted(draft))} places on the map across {len(draft.passages)} passages.")
    takeaway_view(draft, checked)


def main() -> None:
    token, draft = _draft()
    if token and draft is None:
        st.error("No draft is kept under this address. Start a new one below, or open a draft saved as its zip.")
        del st.query_params["draft"]
    if token and draft is not None:
        work_view(token, draft)
    else:
        start_view()


main()
