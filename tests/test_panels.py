"""The HTML beside the map, the step payload and the URL parameter, without Streamlit."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape

import pytest

from storymap.model.resolve import ResolvedStory
from storymap.model.urlstate import section_from_param
from storymap.publish.steps import step_payload
from storymap.render.mapview import base_map, highlight_layer
from storymap.render.panels import (
    header_html,
    legend_html,
    link_label,
    passage_html,
    status_html,
    status_text,
)
from storymap.render.urls import ShapesUrl, StaticUrls

IDS = ["first", "second", "third"]


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        pytest.param(None, "first", False, id="absent"),
        pytest.param([], "first", False, id="absent-list"),
        pytest.param("second", "second", False, id="known"),
        pytest.param(["first", "third"], "third", False, id="repeated-last-wins"),
        pytest.param("", "first", True, id="empty"),
        pytest.param("  ", "first", True, id="blank"),
        pytest.param("fourth", "first", True, id="unknown"),
        pytest.param("y" * 81, "first", True, id="over-long"),
        pytest.param("<img src=x onerror=alert(1)>", "first", True, id="script-like"),
    ],
)
def test_section_from_param(value: str | list[str] | None, expected: str, notice: bool) -> None:
    section, message = section_from_param(value, IDS)
    assert section == expected
    assert (message is not None) == notice
    if message and isinstance(value, str) and value.strip():
        assert value not in message


def test_status_names_and_lists_exactly_the_highlighted_places(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        html = status_html(section)
        assert 'role="status"' in html and 'aria-live="polite"' in html
        listed = re.search(r'data-places="([^"]*)"', html)
        assert listed and listed.group(1) == ",".join(p.id for p in section.places)
        for place in section.places:
            assert place.name in status_text(section)


def test_status_without_places(resolved: ResolvedStory) -> None:
    empty = next(s for s in resolved.sections if not s.places)
    assert "nothing highlighted" in status_text(empty)


def test_passage_marks_every_mention_in_its_role(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        html = passage_html(section)
        marks = re.findall(r'<mark class="place (focus|context)" data-place="([^"]+)"', html)
        roles = {p.id: p.role.value for p in section.places}
        assert len(marks) == len(section.mentions)
        assert all(roles[place] == role for role, place in marks)
        text = html_unescape(re.sub(r"<[^>]+>", "", html))
        assert text.startswith(section.title + section.paragraphs[0])


def test_every_name_is_a_button_that_says_it_shows_its_place(resolved: ResolvedStory) -> None:
    """Each mark is a button out of the tab order (the reader's names.js puts the passage being read in it),
    named for what it does and keeping its visible words in that name (WCAG 2.5.3)."""
    names = {p.id: p.name for s in resolved.sections for p in s.places}
    for section in resolved.sections:
        marks = re.findall(
            r'<mark class="place [a-z]+" data-place="([^"]+)" title="[^"]*" role="button" tabindex="-1" '
            r'aria-label="([^"]+)">([^<]+)</mark>',
            passage_html(section),
        )
        assert len(marks) == len(section.mentions)
        for place_id, label, words in (tuple(map(html_unescape, m)) for m in marks):
            assert label.endswith(f"how {names[place_id]} on the map") and words.casefold() in label.casefold()


@pytest.mark.parametrize(
    ("words", "name", "label"),
    [
        pytest.param("Syunik", "Syunik", "Show Syunik on the map", id="the-name"),
        pytest.param("Karabakh", "Nagorno-Karabakh", "Show Nagorno-Karabakh on the map", id="part-of-the-name"),
        pytest.param("Armenian", "Armenia", "Armenian: show Armenia on the map", id="a-demonym"),
    ],
)
def test_link_label_keeps_the_words_in_the_name(words: str, name: str, label: str) -> None:
    assert link_label(words, name) == label


def test_passage_escapes_text(resolved: ResolvedStory) -> None:
    section = resolved.sections[1].model_copy(update={"text": "A <b>bold</b> claim", "mentions": [], "paragraphs": []})
    assert "<b>" not in passage_html(section) and "&lt;b&gt;" in passage_html(section)


def test_caption_shows_its_credit_and_no_empty_one(resolved: ResolvedStory) -> None:
    caption = resolved.sections[0]
    assert caption.credit and f"Photo: {caption.credit}" in passage_html(caption)
    assert "Photo:" not in passage_html(caption.model_copy(update={"credit": None}))


def test_legend_lists_exactly_the_highlighted_places(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        html = legend_html(section)
        for place in section.places:
            assert place.name in html
        approximate = [p for p in section.places if p.approximate]
        assert ("approximate" in html) == bool(approximate)


def test_step_payload_carries_no_geometry_and_stays_small(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        payload = step_payload(section)
        text = json.dumps(payload)
        assert '"coordinates"' not in text and '"geometry"' not in text
        assert payload["places"] == [{"id": p.id, "role": p.role.value} for p in section.places]
        assert len(text) < 1_000


URLS = StaticUrls(
    leaflet_js="/app/static/vendor/leaflet/leaflet.js?v=1",
    leaflet_css="/app/static/vendor/leaflet/leaflet.css?v=1",
    map_js="/app/static/storymap/map.js?v=1",
    map_css="/app/static/storymap/map.css?v=1",
    reader_js="/app/static/storymap/reader.js?v=1",
    places="/app/static/storymap/places.json?v=1",
    steps="/app/static/storymap/steps.json?v=1",
    shapes=(ShapesUrl("/app/static/geodata/region.json?v=1", ((20.0, 25.0), (50.0, 65.0))),),
)


def test_base_map_is_self_hosted_and_identical_each_time(resolved: ResolvedStory) -> None:
    first = base_map(URLS, resolved).get_root().render()
    second = base_map(URLS, resolved).get_root().render()
    assert re.findall(r'(?:src|href)="(https?:[^"]+)"', first) == []
    assert URLS.leaflet_js in first and URLS.map_js in first
    assert _without_random_ids(first) == _without_random_ids(second)


def _without_random_ids(html: str) -> str:
    """Folium names elements with random hex ids; streamlit-folium ignores them too."""
    return re.sub(r"_[0-9a-f]{32}", "", html)


def test_highlight_layer_hands_the_payload_to_the_basemap(resolved: ResolvedStory) -> None:
    section = resolved.sections[5]
    fmap = base_map(URLS, resolved)
    highlight_layer(step_payload(section)).add_to(fmap)
    html = fmap.get_root().render()
    assert "StoryMap.map.step(" in html
    assert f'"section": "{section.id}"' in html


def test_byline_credits_where_the_piece_was_published(resolved: ResolvedStory) -> None:
    header = header_html(resolved)
    assert resolved.meta.publication and "Israel National News" in resolved.meta.publication
    assert html_unescape(header).count(resolved.meta.publication) == 1
    assert "Israel National News" not in header_html(
        resolved.model_copy(update={"meta": resolved.meta.model_copy(update={"publication": None})})
    )


def test_a_note_resting_on_several_sources_cites_them_all(resolved: ResolvedStory) -> None:
    jerusalem = next(p for s in resolved.sections for p in s.places if p.id == "jerusalem")
    assert jerusalem.source.count("; ") == 2, "the Factbook, the BBC report and the UN resolution"
    assert "ES-10/19" in jerusalem.source and "Palestinians claim East Jerusalem" in jerusalem.note
