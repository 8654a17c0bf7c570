"""About: what the app is, where the text and the data come from, and how to cite it."""

from datetime import date

import streamlit as st

from storymap.render.panels import BORDER_POLICY
from storymap.ui.mdtext import literal
from storymap.ui.shared import ROOT, page_bundle

bundle = page_bundle("About")
meta = bundle.story.meta
author, title = literal(meta.author), literal(meta.title)
published = f" {literal(meta.publication)}." if meta.publication else " Publication details not available."
approximate = sorted({literal(p.name) for s in bundle.story.sections for p in s.places if p.approximate})

st.title("About this app")
st.markdown(
    f"""
**What it is.** An opinion piece told section by section beside a map that highlights the places
each passage names. The text is **{author}'s opinion**, reproduced word for word apart from the
corrections listed below; the title, the section titles, the place notes, the timeline, the maps and
the classroom material are ours and written to be neutral. Every event of the timeline and every
place note names its sources, shown beside it; the reported areas under the control maps name
theirs. Our own words and work: the titles, the classroom questions and terms, the drawing of the
control maps from today's districts, and the measuring behind the notes "computed from the Natural
Earth shapes" (they cite Natural Earth for the shapes; the measuring is ours).

**The text.** {literal(meta.source_note)}

**Our corrections to the captured text.**
"""
    + "\n".join(f"- {literal(n.note)}" for n in meta.editorial_notes)
)
st.markdown(f"**Borders.** {BORDER_POLICY}")
if approximate:
    st.markdown(
        f"**Approximate outlines: {', '.join(approximate)}.** No data package carries the former "
        "Nagorno-Karabakh Autonomous Oblast (1923–1991, about 4,400 km²). We rebuild it from today's "
        "Azerbaijani districts that absorbed it, cutting the old Mardakert district out of Tartar and "
        "Kalbajar along straight lines; the result is about 5% larger than the oblast, and the app says "
        '"approximate" wherever it is drawn. The full method is below.'
    )
with st.expander("Data sources, licences and every processing step (PROVENANCE.md)"):
    st.markdown((ROOT / "geodata" / "PROVENANCE.md").read_text(encoding="utf-8"))
st.markdown(
    f"""
**How to cite.** {author}, opinion piece on the Israel–Azerbaijan alliance.{published} Presented
in "{title}", interactive map story, accessed {date.today():%d %B %Y}. Maps: Natural Earth; GeoNames.

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
