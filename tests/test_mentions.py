"""Every place a passage names is annotated (or waived with a reason), and exists on the map."""

from __future__ import annotations

import pytest

from storymap.model.gazetteer import Gazetteer
from storymap.model.mentions import find_mentions, unannotated
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Story


def test_every_mention_is_annotated_or_waived(story: Story, gazetteer: Gazetteer) -> None:
    missing = {}
    for section in story.sections:
        annotated = set(section.places.focus + section.places.context)
        waived = {w.term for w in section.waive}
        text = "\n\n".join(section.paragraphs())
        found = unannotated(text, gazetteer, annotated, waived)
        if found:
            missing[section.id] = sorted({f"{text[m.start : m.end]} -> {m.place_id}" for m in found})
    assert missing == {}


def test_every_annotated_place_has_a_shape_or_point(story: Story, gazetteer: Gazetteer, shapes: ShapeIndex) -> None:
    for section in story.sections:
        for place_id, _role in section.places.by_role():
            place = gazetteer[place_id]
            assert place.point is not None or place_id in shapes, (section.id, place_id)


def test_story_reaches_every_place_the_op_ed_names(story: Story) -> None:
    used = {p for s in story.sections for p, _ in s.places.by_role()}
    expected = {
        "ISR",
        "AZE",
        "ARM",
        "IRN",
        "nagorno-karabakh",
        "TUR",
        "RUS",
        "UKR",
        "FRA",
        "USA",
        "ZAF",
        "baku",
        "jerusalem",
        "AM-SU",
        "south-caucasus",
    }
    assert expected <= used


def test_unnamed_places_are_annotated(story: Story) -> None:
    """'Armenian territories bordering Iran' is Syunik; 'the Caucasus' is the South Caucasus."""
    syunik = [s for s in story.sections if "Armenian territories bordering Iran" in s.text]
    caucasus = [s for s in story.sections if "the Caucasus" in s.text]
    assert syunik and all("AM-SU" in s.places.focus + s.places.context for s in syunik)
    assert caucasus and all("south-caucasus" in s.places.focus + s.places.context for s in caucasus)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("the Israeli-Azerbaijani alliance", ["ISR", "AZE"], id="hyphenated-demonyms"),
        pytest.param("Nagorno-Karabakh, also Artsakh", ["nagorno-karabakh", "nagorno-karabakh"], id="longest-alias"),
        pytest.param("let us talk about the US", ["USA"], id="acronym-case-sensitive"),
        pytest.param("Iranian and IRANIAN", ["IRN", "IRN"], id="words-case-insensitive"),
        pytest.param("Armenians in Yerevan", ["ARM", "yerevan-am"], id="plural-demonym-and-world-city"),
        pytest.param("Ukrainesque Baku-style", ["baku"], id="whole-words-only"),
    ],
)
def test_find_mentions(text: str, expected: list[str], gazetteer: Gazetteer) -> None:
    assert [m.place_id for m in find_mentions(text, gazetteer)] == expected


def test_waiver_silences_only_its_term(gazetteer: Gazetteer) -> None:
    text = "Turkish coffee in Iran"
    found = unannotated(text, gazetteer, annotated=set(), waived={"Turkish"})
    assert [m.place_id for m in found] == ["IRN"]
