"""Places: every place in the story on one map, with its note, its names and its passages."""

import streamlit as st

from storymap.model.shapes import frame_bounds, place_geometry
from storymap.model.story import Role
from storymap.publish.steps import highlight_payload
from storymap.render.mapview import highlight_layer
from storymap.ui.bundle import page_bundle
from storymap.ui.maps import map_view
from storymap.ui.mdtext import literal, url_link

bundle = page_bundle("Places")
story, gazetteer = bundle.story, bundle.gazetteer
uses: dict[str, list[tuple[str, str, Role]]] = {}
for section in story.sections:
    for place in section.places:
        uses.setdefault(place.id, []).append((section.id, section.title, place.role))
ids = sorted(uses, key=lambda pid: gazetteer[pid].name)

st.title("Places in the story")
st.caption(
    "Every place the story names or means. Pick one to see its shape, its note and the passages that mention it."
)
chosen = st.selectbox("Place", ids, format_func=lambda pid: gazetteer[pid].name, key="place")
place = gazetteer[chosen]
sources = gazetteer.sources_of(chosen)
bounds = frame_bounds([place_geometry(chosen, gazetteer, bundle.shapes)])
assert bounds is not None
roles = [(pid, Role.FOCUS if pid == chosen else Role.CONTEXT) for pid in ids]

map_col, info_col = st.columns([7, 5], gap="large")
with map_col, st.container(key="map-panel"):
    layer = highlight_layer(highlight_payload(f"place-{chosen}", bounds, roles))
    map_view(bundle, "places_map", layer, 520)
    st.caption("Blue: the chosen place. Orange: the other places in the story.")
with info_col:
    st.header(literal(place.name) + (" (approximate outline)" if place.approximate else ""), anchor=False)
    st.write(f"**Kind:** {place.kind.value}")
    if place.note and sources:
        st.markdown(literal(place.note))
        label = "Source" if len(sources) == 1 else "Sources"
        st.caption(f"{label}: " + " ".join(f"{literal(s.citation())}.{url_link(s.url)}" for s in sources))
    else:
        st.caption("No note on this place yet.")
    if place.aliases:
        names = (f"- *{literal(a.name)}*: {literal(a.used_by)}" for a in place.aliases)
        st.markdown("**Other names**\n" + "\n".join(names))
    if place.demonyms:
        st.markdown("**Words for its people:** " + ", ".join(literal(d) for d in place.demonyms))
    st.markdown("**Passages that mention it**")
    st.markdown(
        "\n".join(
            f"- [{literal(title)}](./?section={section_id}) ({'in focus' if role is Role.FOCUS else 'also mentioned'})"
            for section_id, title, role in uses[chosen]
        )
    )
