"""About: what the app is, where the text and the data come from, and how to cite it.

The story's own words (border policy, how its maps were made, how to cite it) come from its folder;
this page adds only what is true of every story the engine tells.
"""

from datetime import date

import streamlit as st

from storymap.ui.bundle import app_settings, page_bundle
from storymap.ui.mdtext import literal, possessive

bundle = page_bundle("About")
meta = bundle.story.meta
author, label, title = literal(meta.author), literal(meta.label), literal(meta.title)
provenance = app_settings().geodata / "PROVENANCE.md"

st.title("About this app")
st.markdown(
    f"""
**What it is.** A piece of writing ({label.lower()}) told section by section beside a map that
highlights the places each passage names. The text is **{literal(possessive(meta.author))}**, reproduced word for word
apart from the corrections listed below; the title, the section titles and everything around the
text are the editors'.

**The text.** {literal(meta.source_note)}
"""
)
if meta.editorial_notes:
    st.markdown(
        "**Our corrections to the captured text.**\n\n"
        + "\n".join(f"- {literal(n.note)}" for n in meta.editorial_notes)
    )
if meta.border_policy:
    st.markdown(f"**Borders.** {literal(meta.border_policy)}")
if meta.about:
    st.markdown(meta.about)
if bundle.timeline is not None and bundle.timeline.checked:
    st.markdown(
        f"**How current the context is.** The editors checked the timeline's context against its sources up to "
        f"{bundle.timeline.checked_label()}; later events are not in it."
    )
if provenance.exists():
    with st.expander("Data sources, licences and every processing step (PROVENANCE.md)"):
        st.markdown(provenance.read_text(encoding="utf-8"))
cite = literal(meta.citation) if meta.citation else f'{author}. Presented in "{title}", interactive map story.'
st.markdown(
    f"""
**How to cite.** {cite} Accessed {date.today():%d %B %Y}.

**Privacy.** The app makes no request to any other site: the map, its shapes and its code are
served by the app itself, and usage statistics are off.

**Accessibility.** Everything works from the keyboard (← → j k, Home, End; Page Up and Page Down
from presentation clickers). After every step a polite live region tells screen readers what the
map shows. Place names in the text are marked in the colours of the map, from a colour-blind-safe
palette, and also by line style (solid for places in focus, dashed for places mentioned in passing),
so colour is never the only cue. Motion is switched off for readers who ask their system for
reduced motion. On phones the map takes at most about 40% of the screen and one finger always
scrolls the page. Every page is checked in our tests with axe-core against the WCAG 2.0 and 2.1
A and AA rules and axe's best practices; a test fails on any serious or critical violation, while
moderate and minor ones are listed but do not fail it. Every page is also walked with the
keyboard. Real screen readers are not part of the tests. If something does not work for you,
please tell us.
"""
)
