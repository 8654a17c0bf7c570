"""Timeline: the conflict and the alliance in dated, sourced events, with control maps."""

import altair as alt
import pandas as pd
import streamlit as st

from storymap.model.shapes import frame_bounds, place_geometry
from storymap.model.timeline import EventKind
from storymap.publish.steps import highlight_payload
from storymap.render.controlmap import MAX_CONTROL_ZOOM, control_bounds, control_legend, control_overlays
from storymap.render.mapview import highlight_layer
from storymap.ui.mdtext import literal, url_link
from storymap.ui.shared import map_view, page_bundle

KIND_COLOURS = {"conflict": "#D55E00", "alliance": "#0072B2", "peace": "#009E73", "op-ed": "#000000"}

bundle = page_bundle("Timeline")
st.title("Timeline")
if bundle.timeline is None:
    st.info("This story has no timeline.")
    st.stop()
timeline = bundle.timeline
st.caption(
    "Context added by the editors, not by the author: each event has a date, one neutral sentence and its sources. "
    "The black mark is the op-ed's own moment: it was published on or before 25 July 2023, so everything after it "
    "happened after the author wrote."
)

frame = pd.DataFrame(
    [
        {"date": e.day().isoformat(), "event": f"{e.date_label()} · {e.title}", "kind": e.kind.value, "text": e.text}
        for e in timeline.events
    ]
)
op_ed = frame[frame.kind == EventKind.OP_ED.value]
colours = alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values()))
# The axis runs to the start of the year after the last event, so the latest one is never cut off.
axis_end = f"{max(e.day() for e in timeline.events).year + 1}-01-01"


def panel(title: str, start: str) -> alt.LayerChart:
    """One row per event, a dot at its date; the op-ed's moment as a dashed line."""
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
    line = alt.Chart(op_ed).mark_rule(strokeDash=[4, 3], color="#000").encode(x=x)
    return (dots + line).properties(height=26 * len(shown) + 20)


st.altair_chart(panel("1923 to today", "1920-01-01"), use_container_width=True)
st.altair_chart(panel("Since 2015, in detail", "2015-01-01"), use_container_width=True)

st.header("Events", anchor=False)
for event in timeline.events:
    marker = " (the op-ed)" if event.kind is EventKind.OP_ED else ""
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
    st.html(control_legend(event.control, held_by))
    st.caption(literal(event.control.note))
    if event.control.reported is not None:
        reported = event.control.reported
        figure = f"{reported.low_km2:,.0f}"
        if reported.high_km2 > reported.low_km2:
            figure += f"–{reported.high_km2:,.0f}"
        cited = literal("; ".join(timeline.sources[key].citation() for key in reported.sources))
        st.caption(f"Area reported: about {figure} km². Sources: {cited}.")
