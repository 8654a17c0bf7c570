"""The reader's hands: however the pointer, the wheel or a finger moves, the story reads on.

A plain wheel over any map of ours scrolls the page and leaves the map's frame alone (a hint says
how to zoom); Ctrl + wheel and a pinch zoom the map and leave the page where it is; one finger
over the map on a phone scrolls the page. Every gesture is made over the map itself, at several
points, since that is where real readers' pointers rest. (The article around an embedded story is
tried in test_embed.py, beside its article.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Frame, Page

from support.seen import AT_REST, AT_REST_ON, SCROLLED, still
from tests.e2e.reader import TIMEOUT_MS, Reader

DESKTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 850}}
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MAP_FRAME = {"app": ".st-key-map-panel iframe", "site": "iframe.site-map-frame"}
MAP_PAGE = {"app": "streamlit_folium", "site": "map.html"}
# Points over the map, as shares of its box: its four quarters.
POINTS = [(0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7)]
NOTCH_PX = 100
ZOOM = "() => Number(document.querySelector('.leaflet-container').dataset.view.split(',')[2])"
FRAME_ZOOM = "() => Number(document.querySelector('.leaflet-container').dataset.frameView.split(',')[2])"
# The page's scroll has not moved for five animation frames.
STILL = still(5)
# The map's zoom now, and the zoom of the frame it was last sent to, read at once.
ZOOMS = "() => { const c = document.querySelector('.leaflet-container').dataset;"
ZOOMS += " return [c.view, c.frameView].map((v) => Number(v.split(',')[2])); }"
HINT = "() => document.querySelector('.leaflet-container').dataset.hint || null"
# Safari's trackpad pinch: gesture events with a scale, at the pointer.
PINCH = """
([x, y, scale]) => {
  const map = document.querySelector('.leaflet-container');
  const send = (type, s) => map.dispatchEvent(Object.assign(new Event(type, {bubbles: true, cancelable: true}),
                                                            {scale: s, clientX: x, clientY: y}));
  send('gesturestart', 1);
  send('gesturechange', scale);
  send('gestureend', scale);
}
"""


def _base(edition: str, server: str, static_site: str) -> str:
    return server if edition == "app" else static_site


def _middle(resolved: Any) -> str:
    return str(resolved.sections[len(resolved.sections) // 2].id)


def _open_at_rest(page: Page, base: str, edition: str, section: str) -> Frame:
    reader = Reader(page, base, MAP_PAGE[edition]).open(f"?section={section}")
    frame = reader.map_frame()
    frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
    return frame


def _wheel(page: Page, x: float, y: float, notches: int, dy: int = NOTCH_PX) -> None:
    page.mouse.move(x, y)
    for _ in range(notches):
        page.mouse.wheel(0, dy)


def _scroll_changes(page: Page, before: float) -> None:
    page.wait_for_function(f"() => ({SCROLLED})() !== {before}", timeout=TIMEOUT_MS)


def _settle(page: Page, frame: Frame) -> float:
    """Wait until the page's scroll is still and the map rests on the section the page shows;
    return where the page is scrolled."""
    scrolled = float(page.evaluate(STILL))
    section = page.locator('.map-status[role="status"]').get_attribute("data-section")
    frame.wait_for_function(AT_REST_ON, arg=section, timeout=TIMEOUT_MS)
    return scrolled


@pytest.mark.parametrize("edition", ["app", "site"])
def test_a_wheel_over_the_map_scrolls_the_story_and_ctrl_wheel_or_a_pinch_zooms_the_map(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: Any, edition: str
) -> None:
    page = open_page(**DESKTOP)
    frame = _open_at_rest(page, _base(edition, server, static_site), edition, _middle(resolved))
    box = page.locator(MAP_FRAME[edition]).bounding_box()
    assert box
    for fx, fy in POINTS:
        x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
        before = page.evaluate(SCROLLED)
        _wheel(page, x, y, 3)
        _scroll_changes(page, before)
        _settle(page, frame)  # in its frame, maybe the next section's
        zoom, framed = frame.evaluate(ZOOMS)
        assert zoom == framed, f"the wheel at {fx, fy} zoomed the map"
    assert frame.evaluate(HINT) == "wheel", "no hint said how to zoom the map"

    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    before = _settle(page, frame)
    framed = frame.evaluate(FRAME_ZOOM)
    page.keyboard.down("Control")
    _wheel(page, x, y, 2, -NOTCH_PX)
    page.keyboard.up("Control")
    frame.wait_for_function(f"() => ({ZOOM})() > {framed}", timeout=TIMEOUT_MS)
    assert page.evaluate(SCROLLED) == before, "Ctrl + wheel scrolled the page"

    frame.locator(".storymap-reset").click()
    before = _settle(page, frame)
    map_box = frame.locator(".leaflet-container").bounding_box()
    assert map_box
    frame.evaluate(PINCH, [map_box["width"] / 2, map_box["height"] / 2, 4])
    frame.wait_for_function(f"() => ({ZOOM})() >= {framed} + 1.9", timeout=TIMEOUT_MS)
    assert page.evaluate(SCROLLED) == before, "a pinch scrolled the page"


@pytest.mark.parametrize("edition", ["app", "site"])
def test_one_finger_over_the_map_on_a_phone_scrolls_the_story(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: Any, edition: str
) -> None:
    page = open_page(**PHONE)
    frame = _open_at_rest(page, _base(edition, server, static_site), edition, resolved.sections[1].id)
    box = page.locator(MAP_FRAME[edition]).bounding_box()
    assert box
    cdp = page.context.new_cdp_session(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8
    before = page.evaluate(SCROLLED)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - step * 20}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    _scroll_changes(page, before)
    frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
    assert frame.evaluate(HINT) == "touch", "no hint said how to move the map"


@pytest.mark.parametrize("path", ["places", "timeline", "classroom"])
def test_a_wheel_over_the_other_pages_maps_scrolls_the_page(
    open_page: Callable[..., Page], server: str, path: str
) -> None:
    page = open_page(viewport={"width": 1366, "height": 700})
    page.goto(f"{server}/{path}")
    panel = page.locator(".st-key-map-panel iframe").first
    panel.wait_for(timeout=TIMEOUT_MS)
    frame = panel.element_handle().content_frame()
    assert frame
    frame.wait_for_function("() => !!document.querySelector('.leaflet-container')?.dataset.view", timeout=TIMEOUT_MS)
    panel.scroll_into_view_if_needed()
    box = panel.bounding_box()
    assert box
    zoom = frame.evaluate(ZOOM)
    before = page.evaluate(SCROLLED)
    _wheel(page, box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200), 3)
    _scroll_changes(page, before)
    assert frame.evaluate(ZOOM) == zoom, f"the wheel zoomed the map on {path}"
    assert frame.evaluate(HINT) == "wheel"
