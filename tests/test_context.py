"""Context material: the timeline, the classroom file, the handout and the embed snippet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geodata.build import area_km2
from storymap.classroom import load_classroom
from storymap.embed import embed_url, iframe_snippet, responsive_snippet
from storymap.errors import StoryDataError
from storymap.gazetteer import Gazetteer
from storymap.handout import handout_html, section_svg
from storymap.resolve import ResolvedStory
from storymap.shapes import ShapeIndex
from storymap.timeline import EventKind, TimelineFile, control_geometry, load_timeline

STORY = Path(__file__).resolve().parent.parent / "story"


@pytest.fixture(scope="module")
def timeline(gazetteer: Gazetteer, shapes: ShapeIndex) -> TimelineFile:
    loaded = load_timeline(STORY, gazetteer, shapes)
    assert loaded is not None
    return loaded


def test_timeline_covers_what_the_issue_asks_for(timeline: TimelineFile) -> None:
    years = {e.day().year for e in timeline.events}
    assert {1923, 1991, 1994, 2016, 2020, 2022, 2023, 2025} <= years
    decree = next(e for e in timeline.events if e.id == "dissolution-2024")
    assert decree.date == "2023-09-28" and "decree" in decree.title.lower(), "dated and titled as the decree"
    assert [e.day() for e in timeline.events] == sorted(e.day() for e in timeline.events)


def test_every_event_has_one_sentence_and_a_source(timeline: TimelineFile) -> None:
    for event in timeline.events:
        assert event.text.count(". ") == 0 and event.text.endswith("."), event.id
        source = timeline.sources[event.source]
        assert source.publisher and source.title and source.date


def test_op_ed_sits_before_the_2023_offensive(timeline: TimelineFile) -> None:
    op_ed = next(e for e in timeline.events if e.kind is EventKind.OP_ED)
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
    assert areas["ceasefire-1994"] > 2.5 * karabakh
    assert 0.8 * karabakh < areas["ceasefire-2020"] < karabakh
    assert areas["offensive-2023"] == 0.0


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
    ],
)
def test_broken_timeline_names_event_and_field(
    tmp_path: Path, gazetteer: Gazetteer, shapes: ShapeIndex, event: str, message: str
) -> None:
    with pytest.raises(StoryDataError, match=message) as caught:
        load_timeline(_write_timeline(tmp_path, event), gazetteer, shapes)
    assert "timeline.yaml" in str(caught.value) and "event 'a'" in str(caught.value)


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
    assert "&quot;quoted&quot; &lt;title&gt;" in snippet and 'height="640"' in snippet
    assert 'title="' in responsive_snippet(url, "t") and "min-height:480px" in responsive_snippet(url, "t")
