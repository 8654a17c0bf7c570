"""Screenshots of every section of the story, as a reader stepping through it sees each one, to
compare what two ways of serving the same story show (tests/e2e/test_deploy.py)."""

from __future__ import annotations

from playwright.sync_api import Page

from storymap.model.resolve import ResolvedStory
from support.seen import AT_REST_ON, SCROLLED, SHOWN, still
from tests.e2e.reader import TIMEOUT_MS, Reader

# Everything drawn: the fonts loaded, what the page shows and where it is scrolled unchanged for
# 0.5 s (a step's card can re-inset the map once after it lands).
_FONTS_LOADED = "() => document.fonts.status === 'loaded'"
_STILL = still(30, f"() => [({SHOWN})(), ({SCROLLED})()]")


def section_shots(page: Page, base_url: str, resolved: ResolvedStory) -> dict[str, bytes]:
    """Each section's screenshot (the viewport), keyed by its id, stepping by key from the first."""
    reader = Reader(page, base_url).open(f"?section={resolved.sections[0].id}")
    shots: dict[str, bytes] = {}
    for index, section in enumerate(resolved.sections):
        if index:
            page.keyboard.press("ArrowRight")
        frame = reader.map_frame()
        frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        page.evaluate(_STILL)
        frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        for document in (page, frame):
            document.wait_for_function(_FONTS_LOADED, timeout=TIMEOUT_MS)
        shots[section.id] = page.screenshot(animations="disabled", caret="hide")
    return shots
