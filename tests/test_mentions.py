"""Finding place names in text (storymap.model.mentions), against hand-written text and spans, and
the places our op-ed must show that no name in it gives away.

That every name in a passage is annotated or waived, and every annotated place drawable, is the
story check's job: tests/test_check.py runs it on our story and on broken copies of a second one.
"""

from __future__ import annotations

import pytest

from storymap.model.gazetteer import Gazetteer
from storymap.model.mentions import Mention, Term, TermIndex, find_mentions, unannotated
from storymap.model.story import Story


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


Found = list[tuple[int, int, str, str]]


def _found(text: str, mentions: list[Mention]) -> Found:
    """Each mention as (start, end, the words there, place id)."""
    return [(m.start, m.end, text[m.start : m.end], m.place_id) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "the Israeli-Azerbaijani alliance",
            [(4, 11, "Israeli", "ISR"), (12, 23, "Azerbaijani", "AZE")],
            id="hyphenated-demonyms",
        ),
        pytest.param(
            "Nagorno-Karabakh, also Artsakh",
            [(0, 16, "Nagorno-Karabakh", "nagorno-karabakh"), (23, 30, "Artsakh", "nagorno-karabakh")],
            id="longest-alias",
        ),
        pytest.param("let us talk about the US", [(22, 24, "US", "USA")], id="acronym-case-sensitive"),
        pytest.param(
            "Iranian and IRANIAN", [(0, 7, "Iranian", "IRN"), (12, 19, "IRANIAN", "IRN")], id="words-case-insensitive"
        ),
        pytest.param(
            "Armenians in Yerevan",
            [(0, 9, "Armenians", "ARM"), (13, 20, "Yerevan", "yerevan-am")],
            id="plural-demonym-and-world-city",
        ),
        pytest.param("Ukrainesque Baku-style", [(12, 16, "Baku", "baku")], id="whole-words-only"),
    ],
)
def test_find_mentions(text: str, expected: Found, gazetteer: Gazetteer) -> None:
    assert _found(text, find_mentions(text, gazetteer)) == expected


def test_term_index_keeps_the_longest_and_lists_every_place_the_words_may_mean() -> None:
    index = TermIndex(
        [
            Term("Georgia", "GEO"),
            Term("Georgia", "US-GA"),
            Term("South Caucasus", "south-caucasus"),
            Term("Caucasus", "caucasus"),
            Term("Caucasus Mountains", "caucasus-mountains"),
        ]
    )
    text = "Georgia, in the South Caucasus; the Caucasus Mountains; the Caucasus."
    mentions = index.find(text)
    assert _found(text, mentions) == [
        (0, 7, "Georgia", "GEO"),
        (16, 30, "South Caucasus", "south-caucasus"),  # not the "Caucasus" inside it
        (36, 54, "Caucasus Mountains", "caucasus-mountains"),  # not the "Caucasus" it starts with
        (60, 68, "Caucasus", "caucasus"),
    ]
    assert [m.candidates() for m in mentions] == [
        ("GEO", "US-GA"),
        ("south-caucasus",),
        ("caucasus-mountains",),
        ("caucasus",),
    ]


@pytest.mark.parametrize("term", [pytest.param("Turkish", id="as-written"), pytest.param("turkish", id="any-case")])
def test_waiver_silences_only_its_term(term: str, gazetteer: Gazetteer) -> None:
    text = "Turkish coffee in Iran"
    found = unannotated(text, gazetteer, annotated=set(), waived={term})
    assert _found(text, found) == [(18, 22, "Iran", "IRN")]


def test_a_listed_place_silences_its_mentions(gazetteer: Gazetteer) -> None:
    text = "Turkish coffee in Iran"
    found = unannotated(text, gazetteer, annotated={"IRN"}, waived=set())
    assert _found(text, found) == [(0, 7, "Turkish", "TUR")]
