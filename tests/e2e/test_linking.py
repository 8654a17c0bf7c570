"""Text and map, both ways: a place's name in the passage is a way into the map.

Pointing at a name links its shape on the map, pointing at a shape links its names in the passage
(both carry `data-linked`); a click, a tap or Enter on a name brings the place into the map's frame
with its note open, leaving the section, the URL and Python's record alone; Escape frames the
section again. Only the passage being read has its names in the tab order. In the app (both ways
of reading, and the Classroom presenter) and the static edition, which share the reader's and
the map's scripts (storymap/assets/reader/, map/).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page

from storymap.model.resolve import ResolvedStory
from support.devserver import SCREENSHOTS
from support.seen import covered_below, reader_bodies, share_in_frame
from tests.e2e.audit import assert_accessible
from tests.e2e.reader import TIMEOUT_MS, Reader

ROOT = Path(__file__).resolve().parents[2]
MAP_PAGE = {"app": "streamlit_folium", "site": "map.html"}
MAP_FRAME = {"app": ".st-key-map-panel iframe", "site": "iframe.site-map-frame"}
# A passage that names a far-away place in passing: South Africa, among Azerbaijan and Israel.
SECTION = "human-rights"
FAR = "ZAF"
HOVERED = "IRN"
ON_MAP = "AZE"
EDITIONS = [pytest.param("app", id="app"), pytest.param("site", id="site")]
# The page's calls that would tell Python or the URL anything, counted from now on.
_COUNT_REPORTS = """
() => {
  const counts = window.__reports = {trigger: 0, url: 0};
  const reader = window.StoryMap.activeReader;
  const trigger = reader.setTrigger;
  reader.setTrigger = (...args) => { counts.trigger += 1; return trigger(...args); };
  const replace = history.replaceState.bind(history);
  history.replaceState = (...args) => { counts.url += 1; return replace(...args); };
}
"""
_SHOWN = "(id) => (document.querySelector('.leaflet-container').dataset.shown ?? null) === id"
_PATH_LINKED = "(id) => !!document.querySelector(`path[data-place='${id}'][data-linked]`)"
_NAME_LINKED = "(id) => !!document.querySelector(`mark.place[data-place='${id}'][data-linked]`)"
# The map has come to rest off the section's frame (a flight ends with moveend, which writes data-view).
_OFF_FRAME = (
    "() => { const c = document.querySelector('.leaflet-container');"
    " return !!c.dataset.view && c.dataset.view !== c.dataset.frameView; }"
)
_POPUP = "() => document.querySelector('.leaflet-popup.storymap-shown')?.textContent ?? null"


def _open(page: Page, edition: str, server: str, static_site: str, path: str) -> Reader:
    reader = Reader(page, server if edition == "app" else static_site, MAP_PAGE[edition]).open(path)
    reader.wait_for_section(SECTION)
    reader.wait_until_framed()
    return reader


def _name(page: Page, place_id: str, section_id: str = SECTION) -> Any:
    return page.locator(f'#passage-{section_id} mark.place[data-place="{place_id}"]').first


def _linked_paths(frame: Frame) -> set[str]:
    ids = frame.evaluate("() => [...document.querySelectorAll('path[data-linked]')].map(p => p.dataset.place)")
    return {str(i) for i in ids}


def _linked_names(page: Page) -> list[str]:
    names = page.evaluate(
        "() => [...document.querySelectorAll('mark.place[data-linked]')]"
        ".map(m => m.closest('.passage').dataset.section + ':' + m.dataset.place)"
    )
    return [str(n) for n in names]


def _point_on_map(page: Page, frame: Frame, frame_selector: str, lat_lon: tuple[float, float]) -> tuple[float, float]:
    """Where a latitude and longitude lie on the page's screen, projected by the map itself."""
    point = frame.evaluate(
        """([lat, lon]) => { const map = Object.values(window).find((v) => v && window.L && v instanceof L.Map);
                              const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }""",
        list(lat_lon),
    )
    box = page.locator(frame_selector).bounding_box()
    assert box
    return box["x"] + point[0], box["y"] + point[1]


def _wait_in_frame(page: Page, frame: Frame, frame_selector: str, body: Any) -> float:
    """Wait until the map has come to rest off the section's frame (on the place shown); the share
    of the place that lies in the visible part of the map (not under the card)."""
    frame.wait_for_function(_OFF_FRAME, timeout=TIMEOUT_MS)
    return share_in_frame(frame, body, covered_below(page, frame_selector))


def _assert_shown_then_escape(page: Page, reader: Reader, edition: str, resolved: ResolvedStory) -> None:
    """The far place is shown (framed, its popup naming it), the section, URL and record unchanged;
    Escape frames the section again and closes the popup."""
    frame = reader.map_frame()
    name = next(p.name for s in resolved.sections for p in s.places if p.id == FAR)
    frame.wait_for_function(_SHOWN, arg=FAR, timeout=TIMEOUT_MS)
    frame.wait_for_function(f"() => ({_POPUP})()?.includes({name!r})", timeout=TIMEOUT_MS)
    body = reader_bodies(ROOT / "geodata" / "shapes", {})[FAR]
    share = _wait_in_frame(page, frame, MAP_FRAME[edition], body)
    assert share >= 0.97, f"only {share:.0%} of {FAR} is in the map's visible frame"
    assert reader.status_section() == SECTION and reader.url_section() == SECTION
    assert reader.active_passage() == SECTION
    assert page.evaluate("() => window.__reports") == {"trigger": 0, "url": 0}, "the page told Python or the URL"

    page.keyboard.press("Escape")
    reader.wait_until_framed()
    frame.wait_for_function(_SHOWN, arg=None, timeout=TIMEOUT_MS)
    frame.wait_for_function(f"() => ({_POPUP})() === null", timeout=TIMEOUT_MS)  # closed (it fades)


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_name_and_its_shape_point_at_each_other(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page()
    reader = _open(page, edition, server, static_site, f"?section={SECTION}")
    frame = reader.map_frame()

    _name(page, HOVERED).hover()
    frame.wait_for_function(_PATH_LINKED, arg=HOVERED)
    assert _linked_paths(frame) == {HOVERED}
    assert set(_linked_names(page)) == {f"{SECTION}:{HOVERED}"}
    page.screenshot(path=str(SCREENSHOTS / f"linking-{edition}-name.png"))
    page.mouse.move(2, 2)
    frame.wait_for_function("() => !document.querySelector('path[data-linked]')")
    assert _linked_names(page) == []

    anchor = next(p.anchor for s in resolved.sections for p in s.places if p.id == ON_MAP)
    page.mouse.move(*_point_on_map(page, frame, MAP_FRAME[edition], anchor))
    page.wait_for_function(_NAME_LINKED, arg=ON_MAP)
    section = next(s for s in resolved.sections if s.id == SECTION)
    assert _linked_names(page) == [f"{SECTION}:{ON_MAP}"] * sum(m.place_id == ON_MAP for m in section.mentions)
    assert _linked_paths(frame) == {ON_MAP}
    page.screenshot(path=str(SCREENSHOTS / f"linking-{edition}-shape.png"))
    page.mouse.move(2, 2)
    page.wait_for_function("() => !document.querySelector('mark.place[data-linked]')")
    assert reader.status_section() == SECTION and reader.url_section() == SECTION


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_click_and_enter_show_a_place_and_escape_frames_the_section(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str
) -> None:
    page = open_page()
    reader = _open(page, edition, server, static_site, f"?section={SECTION}")
    page.wait_for_timeout(500)  # the deep link's glide and Python's answer are over
    page.evaluate(_COUNT_REPORTS)
    history = reader.history_length()

    reader.click(_name(page, FAR))
    _assert_shown_then_escape(page, reader, edition, resolved)
    page.screenshot(path=str(SCREENSHOTS / f"linking-{edition}-framed-again.png"))

    # By keyboard, backwards from Previous (the control after the text; going back from the top
    # would scroll another passage to the reading line): the first stop is the last name of the
    # passage being read, past every later passage's names.
    page.locator(".st-key-step-prev button").focus()
    page.keyboard.press("Shift+Tab")
    assert _focused_name(page) == f"{SECTION}:{FAR}"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Show South Africa on the map"
    frame = reader.map_frame()
    frame.wait_for_function(_PATH_LINKED, arg=FAR)
    page.keyboard.press("Enter")
    frame.wait_for_function(_SHOWN, arg=FAR, timeout=TIMEOUT_MS)
    _wait_in_frame(page, frame, MAP_FRAME[edition], reader_bodies(ROOT / "geodata" / "shapes", {})[FAR])
    page.screenshot(path=str(SCREENSHOTS / f"linking-{edition}-shown.png"))
    assert_accessible(page, f"{edition}, a place shown from its name")
    _assert_shown_then_escape(page, reader, edition, resolved)
    assert reader.history_length() == history

    # The other names of the passage, in reverse reading order, and then no earlier passage's.
    expected = page.evaluate(
        "(id) => [...document.querySelectorAll(`#passage-${id} mark.place`)].map(m => m.dataset.place)", SECTION
    )
    stops = [f"{SECTION}:{FAR}"]
    for _ in expected:
        page.keyboard.press("Shift+Tab")
        stops.append(_focused_name(page) or "not a name")
    assert stops == [f"{SECTION}:{p}" for p in reversed(expected)] + ["not a name"], stops


def _focused_name(page: Page) -> str | None:
    """The passage and place of the name that has the focus, or None."""
    found = page.evaluate(
        "() => { const m = document.activeElement.closest('mark.place');"
        " return m ? m.closest('.passage').dataset.section + ':' + m.dataset.place : null; }"
    )
    return str(found) if found else None


@pytest.mark.parametrize(
    ("path", "section_id", "place_id"),
    [
        pytest.param(f"?mode=step&section={SECTION}", SECTION, FAR, id="one-passage-at-a-time"),
        pytest.param("classroom", "netanyahu-in-baku", "AZE", id="classroom"),
    ],
)
def test_names_link_and_show_one_passage_at_a_time(
    page: Page, server: str, resolved: ResolvedStory, path: str, section_id: str, place_id: str
) -> None:
    reader = Reader(page, server).open(path)
    reader.wait_for_section(section_id)
    reader.wait_until_framed()
    name = page.locator(f'#passage-{section_id} mark.place[data-place="{place_id}"]').first
    name.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('mark.place')].every(m => m.getAttribute('tabindex') === '0')",
        timeout=TIMEOUT_MS,
    )
    frame = reader.map_frame()
    name.hover()
    frame.wait_for_function(_PATH_LINKED, arg=place_id)
    page.evaluate(_COUNT_REPORTS)
    reader.click(name)
    frame.wait_for_function(_SHOWN, arg=place_id, timeout=TIMEOUT_MS)
    frame.wait_for_function(_OFF_FRAME, timeout=TIMEOUT_MS)  # the map has flown to the place
    assert reader.status_section() == section_id
    assert page.evaluate("() => window.__reports") == {"trigger": 0, "url": 0}
    page.keyboard.press("Escape")
    reader.wait_until_framed()
    frame.wait_for_function(f"() => ({_POPUP})() === null", timeout=TIMEOUT_MS)  # closed (it fades)


def test_a_tap_shows_a_place_and_a_swipe_over_names_does_not(
    open_page: Callable[..., Page], static_site: str, resolved: ResolvedStory
) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    reader = _open(page, "site", "", static_site, f"?section={SECTION}")
    page.wait_for_timeout(500)  # the deep link's glide is over
    frame = reader.map_frame()
    # The passage's first name, where it is (tapping with Playwright's own `tap` would scroll it
    # into view, and another passage to the reading line).
    page.touchscreen.tap(*_centre(page, _name(page, ON_MAP)))
    frame.wait_for_function(_SHOWN, arg=ON_MAP, timeout=TIMEOUT_MS)
    assert reader.status_section() == SECTION and reader.url_section() == SECTION
    frame.locator(".storymap-reset").tap()
    reader.wait_until_framed()
    frame.wait_for_function(_SHOWN, arg=None, timeout=TIMEOUT_MS)

    # A finger that lands on a name and moves scrolls the page: no click, nothing shown.
    x, y = _centre(page, page.locator(f"#passage-{SECTION} mark.place").nth(1))
    scrolled = page.evaluate("() => document.scrollingElement.scrollTop")
    touch = page.context.new_cdp_session(page)
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 9):
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 12 * step}]})
        page.wait_for_timeout(16)
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(600)
    assert page.evaluate("() => document.scrollingElement.scrollTop") > scrolled, "the finger did not scroll"
    assert frame.evaluate("() => document.querySelector('.leaflet-container').dataset.shown ?? null") is None
    assert frame.evaluate(_POPUP) is None


def _centre(page: Page, locator: Any) -> tuple[float, float]:
    """The centre of an element that the reader sees: on screen, below the map pinned on top."""
    box = locator.bounding_box()
    map_box = page.locator(MAP_FRAME["site"]).bounding_box()
    assert box and map_box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    height = (page.viewport_size or {"height": 0})["height"]
    assert map_box["y"] + map_box["height"] < y < height, "the name is not where the reader sees it"
    return x, y
