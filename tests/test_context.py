"""Context material: the timeline, the classroom file, the handout and the embed snippet."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import shapely

from geodata.build import area_km2
from storymap.model.classroom import load_classroom
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer
from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.timeline import Control, EventKind, TimelineFile, control_geometry, load_timeline, partly_geometry
from storymap.render.controlmap import control_bounds, hatch
from storymap.render.embed import embed_url, iframe_snippet, responsive_snippet
from storymap.render.handout import handout_html
from storymap.render.svgmap import section_svg

STORY = Path(__file__).resolve().parent.parent / "story"


@pytest.fixture(scope="module")
def timeline(gazetteer: Gazetteer, shapes: ShapeIndex) -> TimelineFile:
    loaded = load_timeline(STORY, gazetteer, shapes)
    assert loaded is not None
    return loaded


def test_timeline_covers_what_the_issue_asks_for(timeline: TimelineFile) -> None:
    years = {e.day().year for e in timeline.events}
    assert {1923, 1991, 1994, 2016, 2020, 2022, 2023, 2025} <= years
    decree = next(e for e in timeline.events if e.id == "dissolution-2023")
    assert decree.date == "2023-09-28" and "decree" in decree.title.lower(), "dated and titled as the decree"
    assert [e.day() for e in timeline.events] == sorted(e.day() for e in timeline.events)


def test_every_event_has_one_sentence_and_a_source(timeline: TimelineFile) -> None:
    for event in timeline.events:
        assert event.text.count(". ") == 0 and event.text.endswith("."), event.id
        source = timeline.sources[event.source]
        assert source.publisher and source.title and source.date


def test_every_source_is_cited_and_every_citation_has_a_source(timeline: TimelineFile) -> None:
    cited = {key for event in timeline.events for key in event.source_keys()}
    cited |= {key for e in timeline.events if e.control and e.control.reported for key in e.control.reported.sources}
    assert set(timeline.sources) == cited, "unused sources: remove them, or cite them"
    for key in cited:
        source = timeline.sources[key]
        assert source.publisher and source.title and source.date, key


def test_op_ed_sits_before_the_2023_offensive(timeline: TimelineFile) -> None:
    op_ed = next(e for e in timeline.events if e.kind is EventKind.PUBLICATION)
    offensive = next(e for e in timeline.events if e.id == "offensive-2023")
    assert op_ed.day() < offensive.day()
    assert "before" in op_ed.date_label()


def test_control_areas_shrink(timeline: TimelineFile, shapes: ShapeIndex) -> None:
    areas = {
        e.id: area_km2(control_geometry(e.control, shapes)) if e.control.held else 0.0
        for e in timeline.events
        if e.control
    }
    karabakh = area_km2(shapes.geometry("nagorno-karabakh"))
    assert areas["ceasefire-1994"] > 2 * karabakh
    assert areas["handovers-2020"] < 0.5 * karabakh, "filled: only what no report says was lost"
    assert areas["offensive-2023"] == 0.0


# Our units are simplified and our outline of the former oblast is about 5% larger than the
# 4,400 km² usually reported for it, so the drawing is checked against reports within 10%.
AREA_TOLERANCE = 0.10


def _drawing_against_report(control: Control, shapes: ShapeIndex) -> list[str]:
    """How a control map's drawing disagrees with the area its source reports (empty: it agrees)."""
    assert control.reported is not None
    low = control.reported.low_km2 * (1 - AREA_TOLERANCE)
    high = control.reported.high_km2 * (1 + AREA_TOLERANCE)
    filled = area_km2(control_geometry(control, shapes))
    hatched = area_km2(partly_geometry(control, shapes))
    problems = []
    if filled > high:
        problems.append(f"filled {filled:,.0f} km² is more than the {high:,.0f} reported")
    if filled + hatched < low:
        problems.append(f"filled and hatched {filled + hatched:,.0f} km² is less than the {low:,.0f} reported")
    if control.partly and all(p.share for p in control.partly):
        held = shapes.geometry
        estimate = filled + sum(
            (p.share or 0) * area_km2(held(p.id).intersection(partly_geometry(control, shapes))) for p in control.partly
        )
        if not low <= estimate <= high:
            problems.append(f"filled plus the reported shares, {estimate:,.0f} km², is outside {low:,.0f}–{high:,.0f}")
    return problems


def test_every_control_map_with_a_held_area_cites_a_reported_area(timeline: TimelineFile) -> None:
    drawn = [e for e in timeline.events if e.control and e.control.held]
    assert drawn
    for event in drawn:
        assert event.control and event.control.reported, event.id


def test_control_maps_agree_with_the_reported_areas(timeline: TimelineFile, shapes: ShapeIndex) -> None:
    for event in timeline.events:
        if event.control and event.control.reported:
            assert _drawing_against_report(event.control, shapes) == [], event.id


def test_drawing_the_2020_map_whole_is_caught(timeline: TimelineFile, shapes: ShapeIndex) -> None:
    control = next(e.control for e in timeline.events if e.id == "handovers-2020")
    assert control and control.partly
    whole = control.model_copy(update={"partly": []})
    assert _drawing_against_report(whole, shapes), "the old drawing overstated, and the check must say so"


def test_hatch_lies_inside_the_area_and_spans_it(shapes: ShapeIndex) -> None:
    area = shapes.geometry("AZ-FUZ")
    lines = hatch(area)
    assert lines.length > 0 and lines.difference(area.buffer(1e-9)).length < 1e-6
    assert lines.buffer(0.05).intersection(area).area > 0.95 * area.area


def test_control_maps_frame_what_they_draw_and_no_more(timeline: TimelineFile, shapes: ShapeIndex) -> None:
    for event in timeline.events:
        if event.control is None or not event.control.held:
            continue
        bounds = control_bounds(event.control, shapes)
        assert bounds is not None, event.id
        (south, west), (north, east) = bounds
        frame = shapely.box(west, south, east, north)
        drawn = control_geometry(event.control, shapes).union(partly_geometry(event.control, shapes))
        assert frame.buffer(1e-6).contains(drawn), f"{event.id}: the frame cuts what the map draws"
        tight = drawn.envelope.area > 0.9 * frame.area
        assert tight or event.control.routes, f"{event.id}: the frame is wider than the marks"
        for route in event.control.routes:
            assert all(frame.buffer(1e-6).contains(shapely.Point(lon, lat)) for lat, lon in route.points), event.id
        assert east - west < 5 and north - south < 5, f"{event.id}: framed on far more than its area"


def test_a_control_map_drawing_nothing_has_no_frame_of_its_own(timeline: TimelineFile, shapes: ShapeIndex) -> None:
    empty = next(e.control for e in timeline.events if e.control is not None and not e.control.held)
    assert control_bounds(empty, shapes) is None


@pytest.mark.parametrize(
    ("date", "label"),
    [
        pytest.param("1923", "1923", id="year"),
        pytest.param("1994-05", "May 1994", id="month"),
        pytest.param("2020-11-10", "10 November 2020", id="day"),
    ],
)
def test_date_label_keeps_the_precision_written(timeline: TimelineFile, date: str, label: str) -> None:
    event = timeline.events[0].model_copy(update={"date": date, "when": None})
    assert event.date_label() == label


def _write_timeline(tmp_path: Path, event: str) -> Path:
    (tmp_path / "timeline.yaml").write_text(
        "sources:\n  s: {publisher: p, title: t, date: 2024-01-01}\nevents:\n" + event, encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("event", "message"),
    [
        pytest.param(
            "- {id: a, date: '2023-02-30', kind: conflict, title: t, text: x., source: s}\n",
            "day is out of range",
            id="impossible-date",
        ),
        pytest.param(
            "- {id: a, date: '2023', kind: conflict, title: t, text: x., source: nope}\n",
            "unknown source 'nope'",
            id="unknown-source",
        ),
        pytest.param(
            "- {id: a, date: '2023', kind: conflict, title: t, text: x., source: s, also: [s, gone]}\n",
            "unknown source 'gone'",
            id="unknown-further-source",
        ),
        pytest.param(
            "- {id: a, date: '2023', kind: conflict, title: t, text: x., source: s, places: [atlantis]}\n",
            "unknown place id 'atlantis'",
            id="unknown-place",
        ),
        pytest.param(
            "- {id: a, date: '2023', kind: conflict, title: t, text: x., source: s,"
            " control: {held: [AZ-NOPE], note: n}}\n",
            "no shape for 'AZ-NOPE'",
            id="unknown-unit",
        ),
        pytest.param(
            "- {id: a, date: '2023', kind: conflict, title: t, text: x., source: s,"
            " control: {held: [AZ-LAC], note: n}}\n",
            "needs the file's held_by",
            id="no-held-by",
        ),
    ],
)
def test_broken_timeline_names_event_and_field(
    tmp_path: Path, gazetteer: Gazetteer, shapes: ShapeIndex, event: str, message: str
) -> None:
    with pytest.raises(StoryDataError, match=message) as caught:
        load_timeline(_write_timeline(tmp_path, event), gazetteer, shapes)
    assert "timeline.yaml" in str(caught.value) and "event 'a'" in str(caught.value)


def test_the_context_names_the_date_it_was_checked_up_to(timeline: TimelineFile) -> None:
    assert timeline.checked is not None and timeline.checked_label()
    assert max(e.day() for e in timeline.events) <= dt.date.fromisoformat(timeline.checked)


@pytest.mark.parametrize(
    ("checked", "label"),
    [pytest.param("2026", "2026", id="year"), pytest.param("2026-07-01", "1 July 2026", id="day")],
)
def test_checked_date_keeps_the_precision_written(
    tmp_path: Path, gazetteer: Gazetteer, shapes: ShapeIndex, checked: str, label: str
) -> None:
    (tmp_path / "timeline.yaml").write_text(
        f"checked: {checked}\nsources:\n  s: {{publisher: p, title: t, date: d}}\n"
        "events:\n- {id: a, date: '2025', kind: conflict, title: t, text: x., source: s}\n",
        encoding="utf-8",
    )
    loaded = load_timeline(tmp_path, gazetteer, shapes)
    assert loaded is not None and loaded.checked_label() == label


@pytest.mark.parametrize(
    ("checked", "event_date", "message", "where"),
    [
        pytest.param(
            "2023-06",
            "2023-07-01",
            r"later than the date the context was checked up to \(2023-06\)",
            "event 'a', field 'events[0].date'",
            id="event-after-checked",
        ),
        pytest.param("2023-13", "2023", "month must be in 1..12", "field 'checked'", id="impossible-checked"),
        pytest.param("July 2026", "2023", "must be YYYY", "field 'checked'", id="checked-in-words"),
    ],
)
def test_checked_date_is_validated(
    tmp_path: Path, gazetteer: Gazetteer, shapes: ShapeIndex, checked: str, event_date: str, message: str, where: str
) -> None:
    (tmp_path / "timeline.yaml").write_text(
        f"checked: '{checked}'\nsources:\n  s: {{publisher: p, title: t, date: d}}\n"
        f"events:\n- {{id: a, date: '{event_date}', kind: conflict, title: t, text: x., source: s}}\n",
        encoding="utf-8",
    )
    with pytest.raises(StoryDataError, match=message) as caught:
        load_timeline(tmp_path, gazetteer, shapes)
    assert "timeline.yaml" in str(caught.value) and where in str(caught.value)


def test_a_computed_area_is_labelled_as_ours(timeline: TimelineFile) -> None:
    reported = {e.id: e.control.reported for e in timeline.events if e.control and e.control.reported}
    assert reported["handovers-2020"] and reported["handovers-2020"].computed
    assert reported["handovers-2020"].label().startswith("Area, our computation")
    assert reported["ceasefire-1994"] and reported["ceasefire-1994"].label() == "Area reported"


def test_classroom_material_exists_for_every_section(resolved: ResolvedStory) -> None:
    material = load_classroom(STORY, resolved.section_ids())
    assert set(material) == set(resolved.section_ids())
    assert all(m.questions for m in material.values())


def test_classroom_rejects_an_unknown_section(tmp_path: Path) -> None:
    (tmp_path / "classroom.yaml").write_text("sections:\n  nowhere: {questions: ['why']}\n", encoding="utf-8")
    with pytest.raises(StoryDataError, match=r"section 'nowhere'.*not a section"):
        load_classroom(tmp_path, ["somewhere"])


def test_handout_has_every_section_with_a_map_and_no_outside_links(resolved: ResolvedStory, shapes: ShapeIndex) -> None:
    html = handout_html(resolved, shapes, load_classroom(STORY, resolved.section_ids()))
    found = re.findall(r"<section class='handout-section' data-section='([^']+)'>", html)
    assert found == resolved.section_ids()
    assert html.count("<svg") == len(found)
    assert not re.search(r"(src|href)=['\"]https?:", html)
    assert "@page" in html and "max-width: 180mm" in html
    assert "our questions" in html


def test_section_map_highlights_its_places(resolved: ResolvedStory, shapes: ShapeIndex) -> None:
    section = next(s for s in resolved.sections if any(p.point for p in s.places))
    svg = section_svg(section, shapes)
    assert "<circle" in svg and "#0072B2" in svg
    assert svg.count("<path") > 3


def test_embed_snippet_escapes_and_opens_the_section() -> None:
    url = embed_url("https://example.org/", "the-drawbacks", "dark")
    assert url == "https://example.org/?embed=true&embed_options=dark_theme&section=the-drawbacks"
    snippet = iframe_snippet(url, 'A "quoted" <title>', 640)
    assert 'src="https://example.org/?embed=true&amp;embed_options=dark_theme&amp;section=the-drawbacks"' in snippet
    assert "&#34;quoted&#34; &lt;title&gt;" in snippet and 'height="640"' in snippet
    assert 'title="' in responsive_snippet(url, "t") and "min-height:480px" in responsive_snippet(url, "t")


@pytest.mark.parametrize(
    ("control", "message", "field"),
    [
        pytest.param(
            "{held: [AZ-LAC], partly: [{id: AZ-FUZ}], note: n}",
            "'AZ-FUZ' is not within",
            "partly[0]",
            id="partly-outside",
        ),
        pytest.param(
            "{held: [AZ-LAC], reported: {low_km2: 10, high_km2: 20, sources: [s, nope]}, note: n}",
            "unknown source 'nope'",
            "reported.sources[1]",
            id="report-source",
        ),
        pytest.param(
            "{held: [AZ-LAC], reported: {low_km2: 20, high_km2: 10, sources: [s]}, note: n}",
            "below low_km2",
            "control.reported",
            id="report-range",
        ),
    ],
)
def test_broken_control_map_names_event_and_field(
    tmp_path: Path, gazetteer: Gazetteer, shapes: ShapeIndex, control: str, message: str, field: str
) -> None:
    (tmp_path / "timeline.yaml").write_text(
        "sources:\n  s: {publisher: p, title: t, date: 2024-01-01}\nheld_by: one side\nevents:\n"
        f"- {{id: a, date: '2023', kind: conflict, title: t, text: x., source: s, control: {control}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(StoryDataError, match=message) as caught:
        load_timeline(tmp_path, gazetteer, shapes)
    assert "event 'a'" in str(caught.value) and field in str(caught.value)
