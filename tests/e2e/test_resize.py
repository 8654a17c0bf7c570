"""Window changes keep the reader's place: a tablet turned, a window resized or snapped to half,
the browser zoomed. The passage being read before the change is the one read after it, and the
map, the status line, the passage mark and the URL all still name it, both ways, in both editions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from storymap.model.resolve import ResolvedStory
from support.seen import AT_REST_ON, SHOWN, still
from tests.e2e.reader import SCROLL_TO, Reader

MAP_PAGE = {"app": "streamlit_folium", "site": "map.html"}
# (the size read at, the size changed to, the passage read), each change made both ways.
CHANGES = [
    ((1366, 850), (390, 844), "human-rights"),  # a window snapped to half a phone's width
    ((1024, 768), (768, 1024), "war-and-its-aftermath"),  # a tablet turned
    ((1366, 850), (683, 425), "a-balanced-approach"),  # the browser zoomed to 200%
]
# The page's scroll has not moved for 30 animation frames, half a second (any scrolling element).
STILL = still(30)


# The page has its new size and has had two animation frames since (its resize event is handled).
RESIZED = """
([width, height]) => new Promise((resolve) => {
  const check = () => {
    if (innerWidth !== width || innerHeight !== height) { requestAnimationFrame(check); return; }
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  };
  check();
})
"""


def _resize(page: Page, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.evaluate(RESIZED, list(size))


def _base(edition: str, server: str, static_site: str) -> str:
    return server if edition == "app" else static_site


# The reader's own wheel: the page stops any scroll of its own and follows the reader's.
TAKE_OVER = "() => document.dispatchEvent(new WheelEvent('wheel', {bubbles: true}))"
# The status line, the passage mark and the URL all name the passage.
AGREE = f"(id) => Object.values(({SHOWN})()).every((v) => v === id)"
SETTLE_MS = 5_000


def _seen(reader: Reader, passage: str) -> dict[str, Any]:
    """What the page says is being read once it names the passage (or has had time to) and then
    has stayed still for half a second, with the map at rest."""
    page = reader.page
    try:
        page.wait_for_function(AGREE, arg=passage, timeout=SETTLE_MS)
        reader.map_frame().wait_for_function(AT_REST_ON, arg=passage, timeout=SETTLE_MS)
    except PlaywrightTimeout:
        pass  # what the page shows instead is reported below  # what the page shows instead is reported below
    page.evaluate(STILL)
    seen: dict[str, Any] = page.evaluate(SHOWN)
    seen["map"] = reader.map_frame().evaluate("() => document.querySelector('.leaflet-container').dataset.section")
    return seen


@pytest.mark.parametrize("edition", ["app", "site"])
def test_window_changes_keep_the_passage_being_read(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str
) -> None:
    page = open_page(viewport={"width": 1366, "height": 850})
    reader = Reader(page, _base(edition, server, static_site), MAP_PAGE[edition]).open()
    first_passage = resolved.sections[0].id
    assert set(_seen(reader, first_passage).values()) == {first_passage}, "the story did not open at its start"
    lost = []
    for first, second, passage in CHANGES:
        _resize(page, first)
        page.evaluate(TAKE_OVER)  # the reader scrolls there (a wheel says so to the page)
        page.evaluate(SCROLL_TO, passage)
        before = _seen(reader, passage)
        assert set(before.values()) == {passage}, f"{passage} was not being read before the change: {before}"
        for size in (second, first):
            _resize(page, size)
            seen = _seen(reader, passage)
            if set(seen.values()) != {passage}:
                lost.append(f"{first} -> {size} on {passage}: {seen}")
    assert lost == []
