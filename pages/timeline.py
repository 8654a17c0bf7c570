"""Timeline: the conflict and the alliance in dated, sourced events, with control maps."""

import altair as alt
import pandas as pd
import streamlit as st

from storymap.model.shapes import frame_bounds, place_geometry
from storymap.model.timeline import EventKind
from storymap.publish.steps import highlight_payload
from storymap.render.controlmap import MAX_CONTROL_ZOOM, control_bounds, control_legend, control_overlays
from storymap.render.mapview import highlight_layer
from storymap.render.palette import EVENT_COLOUR
from storymap.ui.bundle import page_bundle
from storymap.ui.maps import map_view
from storymap.ui.mdtext import literal, url_link

bundle = page_bundle("Timeline")
st.title("Timeline")
if bundle.timeline is None:
    st.info("This story has no timeline.")
    st.stop()
timeline = bundle.timeline
published = any(e.kind is EventKind.PUBLICATION for e in timeline.events)
st.caption(
    "Context added by the editors, not by the author: each event has a date, one neutral sentence and its sources."
    + (" The black mark is the piece's own moment." if published and not timeline.note else "")
)
if timeline.note:
    st.caption(literal(timeline.note))
if timeline.checked:
    st.caption(f"The editors checked this context against their sources up to {timeline.checked_label()}.")

frame = pd.DataFrame(
    [
        {"date": e.day().isoformat(), "event": f"{e.date_label()} · {e.title}", "kind": e.kind.value, "text": e.text}
        for e in timeline.events
    ]
)
piece = frame[frame.kind == EventKind.PUBLICATION.value]
colours = alt.Scale(domain=[k.value for k in EVENT_COLOUR], range=list(EVENT_COLOUR.values()))
first_year, last_year = timeline.years()
# The axis runs to the start of the year after the last one, so the latest event is never cut off.
axis_end = f"{last_year + 1}-01-01"


def panel(title: str, start: str) -> alt.LayerChart:
    """One row per event, a dot at its date; the piece's own moment as a dashed line."""
    shown = frame[frame.date >= start]
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start, axis_end]))
    dots = (
        alt.Chart(shown, title=title)
        .mark_circle(size=150, opacity=0.95)
        .encode(
            x=x,
            y=alt.Y("event:N", title=None, sort=None, axis=alt.Axis(labelLimit=420)),
            color=alt.Color("kind:N", scale=colours, title="Kind"),
            tooltip=["event", "text"],
        )
    )
    line = alt.Chart(piece).mark_rule(strokeDash=[4, 3], color="#000").encode(x=x)
    return (dots + line).properties(height=26 * len(shown) + 20)


st.altair_chart(panel(f"{first_year} to {last_year}", f"{first_year}-01-01"), use_container_width=True)
if timeline.chart.detail_from is not None:
    detail = timeline.chart.detail_from
    st.altair_chart(panel(f"Since {detail}, in detail", f"{detail}-01-01"), use_container_width=True)

st.header("Events", anchor=False)
for event in timeline.events:
    marker = " (the piece itself)" if event.kind is EventKind.PUBLICATION else ""
    st.markdown(f"**{literal(event.date_label())}: {literal(event.title)}**{marker}  \n{literal(event.text)}")
    cited = [timeline.sources[key] for key in event.source_keys()]
    label = "Source" if len(cited) == 1 else "Sources"
    st.caption(f"{label}: " + " ".join(f"{literal(s.citation())}.{url_link(s.url)}" for s in cited))

with_control = [e for e in timeline.events if e.control is not None]
if with_control:
    st.header("Who held what (approximate)", anchor=False)
    chosen_id = st.radio(
        "After",
        [e.id for e in with_control],
        horizontal=True,
        key="control_event",
        format_func=lambda eid: next(literal(f"{e.date_label()}: {e.title}") for e in with_control if e.id == eid),
    )
    event = next(e for e in with_control if e.id == chosen_id)
    assert event.control is not None
    held_by = timeline.held_by or ""
    places = [place_geometry(pid, bundle.gazetteer, bundle.shapes) for pid in event.places]
    bounds = control_bounds(event.control, bundle.shapes) or frame_bounds(places) or bundle.story.sections[0].bounds
    overlays = control_overlays(event.control, bundle.shapes, held_by)
    payload = highlight_payload(f"control-{event.id}", bounds, [], max_zoom=MAX_CONTROL_ZOOM)
    layer = highlight_layer(payload, *overlays)
    with st.container(key="map-panel"):
        map_view(bundle, "timeline_map", layer, 460)
    st.html(control_legend(event.control, held_by, templates=bundle.story.meta.template_dir))
    st.caption(literal(event.control.note))
    if event.control.reported is not None:
        reported = event.control.reported
        figure = f"{reported.low_km2:,.0f}"
        if reported.high_km2 > reported.low_km2:
            figure += f"–{reported.high_km2:,.0f}"
        cited = literal("; ".join(timeline.sources[key].citation() for key in reported.sources))
        how = f" ({literal(reported.computed)})" if reported.computed else ""
        st.caption(f"{reported.label()}: about {figure} km²{how}. Sources: {cited}.")
