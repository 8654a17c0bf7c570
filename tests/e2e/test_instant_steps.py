"""End to end: the page moves the map itself, in the frame of the reader's action, and keeps
reading with the server away; Python's reruns never move, replace or re-announce anything."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Page

from storymap.model.resolve import ResolvedStory
from storymap.render.panels import legend_html, status_html, status_text
from support.devserver import Server
from tests.e2e.reader import TIMEOUT_MS, Reader


def _events(reader: Reader, kind: str) -> list[dict[str, Any]]:
    return [e for e in reader.probe()["events"] if e["kind"] == kind]


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_keys_move_the_map_in_the_frame_of_the_press(
    page: Page, server: str, resolved: ResolvedStory, mode: str
) -> None:
    reader = Reader(page, server).open(f"?mode={mode}")
    reader.wait_for_section(resolved.sections[0].id)
    reader.install_probe()
    for section in resolved.sections[1:]:
        page.keyboard.press("ArrowRight")
        reader.wait_for_section(section.id)
    if mode == "step":
        page.locator(f"#passage-{resolved.sections[-1].id}").wait_for(timeout=TIMEOUT_MS)
    events = reader.probe()["events"]
    expected = [s.id for s in resolved.sections[1:]]
    actions = [e for e in events if e["kind"] == "action"]
    maps = [e for e in events if e["kind"] == "map"]
    statuses = [e for e in events if e["kind"] == "status"]
    assert [m["value"] for m in maps] == expected
    assert [s["value"] for s in statuses] == expected
    for action, moved, status in zip(actions, maps, statuses, strict=True):
        assert moved["frame"] == action["frame"] == status["frame"], (action, moved, status)
    if mode == "step":  # the passage text follows with the rerun, after the map
        order = [(e["kind"], e["value"]) for e in events if e["kind"] in ("map", "passage")]
        passages = [value for kind, value in order if kind == "passage"]
        assert passages and passages[-1] == expected[-1]
        for section_id in passages:
            assert order.index(("map", section_id)) < order.index(("passage", section_id))


def test_a_passage_crossing_the_reading_line_moves_the_map_in_that_frame(
    page: Page, server: str, resolved: ResolvedStory
) -> None:
    reader = Reader(page, server).open()
    reader.wait_for_section(resolved.sections[0].id)
    for section in resolved.sections[1:]:
        assert reader.scroll_and_read_next_frame(section.id) == section.id
        page.wait_for_timeout(60)  # a reader's pause, shorter than the settle time: no rerun between


def test_one_announcement_per_step_and_no_rerun_touches_the_panel(
    page: Page, server: str, resolved: ResolvedStory
) -> None:
    reader = Reader(page, server).open()
    reader.wait_for_section(resolved.sections[0].id)
    loaded = reader.map_load_id()
    reader.install_probe()
    for section in resolved.sections[1:]:
        reader.scroll_to(section.id)
        reader.wait_for_section(section.id)
        page.wait_for_timeout(400)  # past the settle time: Python hears of it and reruns
    page.wait_for_timeout(1000)
    texts = [status_text(s) for s in resolved.sections]
    changes = [text for before, text in itertools.pairwise(texts) if text != before]
    announced = [e["value"] for e in _events(reader, "status-text")]
    assert announced == changes, "a step was announced twice, or not at all"
    assert _events(reader, "status-replaced") == [], "a rerun replaced the live region"
    assert reader.map_load_id() == loaded, "the map reloaded"


def test_reader_keeps_reading_with_the_server_stopped(page: Page, own_server: Server, resolved: ResolvedStory) -> None:
    sections = resolved.sections
    reader = Reader(page, own_server.url).open()
    reader.wait_for_section(sections[0].id)
    reader.wait_until_framed()
    loaded = reader.map_load_id()
    own_server.pause()
    try:
        for section in sections[1:]:
            reader.scroll_to(section.id)
            reader.wait_for_section(section.id)
            assert reader.map_highlights() == {p.id: p.role.value for p in section.places}
            assert reader.matches_python(status_html(section), legend_html(section)), section.id
            assert reader.url_section() == section.id
        for key, index in [("Home", 0), ("ArrowRight", 1), ("End", -1), ("k", -2), ("PageUp", -3)]:
            page.keyboard.press(key)
            reader.wait_for_section(sections[index].id)
            reader.wait_for_active(sections[index].id)
        page.wait_for_timeout(1500)  # the glide ends and the page settles, with no server to tell
        resting = _scroll_top(page)
    finally:
        own_server.resume()
    target = sections[-3]
    page.wait_for_function(
        "t => document.querySelector('.st-key-picker input').value === t", arg=target.title, timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(1500)  # any late rerun would show here
    assert reader.status_section() == target.id and reader.url_section() == target.id
    assert reader.map_frame().locator(f'.leaflet-container[data-section="{target.id}"]').count() == 1
    assert reader.active_passage() == target.id
    assert abs(_scroll_top(page) - resting) < 2, "the page jumped when the server came back"
    assert reader.map_load_id() == loaded, "the map reloaded"


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_buttons_and_picker_move_the_map_in_the_frame_of_the_click(
    page: Page, server: str, resolved: ResolvedStory, mode: str
) -> None:
    sections = resolved.sections
    reader = Reader(page, server).open(f"?mode={mode}")
    reader.wait_for_section(sections[0].id)
    reader.install_probe()
    next_button = page.get_by_role("button", name="Next →")
    reader.click(next_button)
    reader.wait_for_section(sections[1].id)
    reader.click(next_button)
    reader.wait_for_section(sections[2].id)
    reader.click(page.get_by_role("button", name="← Previous"))
    reader.wait_for_section(sections[1].id)
    # Python's record catches up (the picker shows it) before the reader opens the picker: its
    # rerun sets the picker's value, which would close an open list.
    picker = page.locator(".st-key-picker input")
    page.wait_for_function("t => document.querySelector('.st-key-picker input').value === t", arg=sections[1].title)
    reader.click(picker)
    page.get_by_role("option", name=sections[7].title, exact=True).click()  # scrolls the list, not the page
    reader.wait_for_section(sections[7].id)
    page.wait_for_function("t => document.querySelector('.st-key-picker input').value === t", arg=sections[7].title)
    page.wait_for_timeout(1500)  # Python's echo of the choice must not move anything
    events = reader.probe()["events"]
    clicks = [e for e in events if e["kind"] == "action"]
    maps = [e for e in events if e["kind"] == "map"]
    expected = [s.id for s in (sections[1], sections[2], sections[1], sections[7])]
    assert [m["value"] for m in maps] == expected, "the map moved other than at the clicks"
    picks = [c for c in clicks if c["value"] == "click"]
    assert [m["frame"] for m in maps] == [picks[i]["frame"] for i in (0, 1, 2, -1)]
    assert picker.input_value() == sections[7].title
    assert reader.url_section() == sections[7].id


def test_a_fast_run_of_presses_ends_on_the_last_without_a_queue(
    page: Page, server: str, resolved: ResolvedStory
) -> None:
    reader = Reader(page, server).open()
    reader.wait_for_section(resolved.sections[0].id)
    reader.wait_until_framed()
    for _ in range(5):
        page.keyboard.press("j")
    target = resolved.sections[5]
    reader.wait_for_section(target.id)
    framed = reader.wait_until_framed()
    page.wait_for_timeout(1500)
    assert reader.map_view() == framed, "the map moved on after reaching the last press"
    assert reader.status_section() == target.id and reader.active_passage() == target.id


def _scroll_top(page: Page) -> float:
    return float(
        page.evaluate(
            "() => { const p = document.querySelector('.passage'); let s = p.parentElement;"
            " while (s && !(/(auto|scroll)/.test(getComputedStyle(s).overflowY) && s.scrollHeight > s.clientHeight))"
            " { s = s.parentElement; } return (s || document.scrollingElement).scrollTop; }"
        )
    )
