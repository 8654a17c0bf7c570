"""Screenshots of every section of the story, to compare what two ways of serving the same story
show (tests/e2e/test_deploy.py): the page around the map, where the fonts are. The map itself is
masked: a first framing may come to rest a pixel apart from one load to the next (Leaflet rounds its
pixel origin), and it draws its labels in the system's font; tests/e2e/test_views.py measures it."""

from __future__ import annotations

import io

from PIL import Image, ImageChops
from playwright.sync_api import Locator, Page

from storymap.model.resolve import ResolvedStory
from support.seen import AT_REST_ON, SCROLLED, SHOWN, still
from tests.e2e.reader import TIMEOUT_MS, Reader

MAP_FRAME = ".st-key-map-panel iframe"
# Everything drawn: the fonts loaded and no transition running, what the page shows and where it
# is scrolled unchanged for 0.5 s (a step's card can re-inset the map once after it lands).
_DRAWN = "() => document.fonts.status === 'loaded' && document.getAnimations().length === 0"
_STILL = still(30, f"() => [({SHOWN})(), ({SCROLLED})()]")
# The map has drawn every chunk of shapes (the world's follow the first map's: map/chunks.js).
_ALL_SHAPES = (
    "() => { const [done, all] = (document.querySelector('.leaflet-container').dataset.shapes || '0/1').split('/');"
    " return done === all; }"
)


def section_shots(page: Page, base_url: str, resolved: ResolvedStory) -> dict[str, bytes]:
    """Each section's screenshot (the viewport), keyed by its id: the reader steps by key from the
    first, and each passage is scrolled to the reading line (where a step or a deep link leaves
    the page depends on when it settles)."""
    reader = Reader(page, base_url).open(f"?section={resolved.sections[0].id}")
    shots: dict[str, bytes] = {}
    for index, section in enumerate(resolved.sections):
        if index:
            page.keyboard.press("ArrowRight")
        reader.wait_for_section(section.id)
        reader.scroll_to(section.id)
        frame = reader.map_frame()
        frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        frame.wait_for_function(_ALL_SHAPES, timeout=TIMEOUT_MS)
        page.evaluate(_STILL)
        frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        for document in (page, frame):
            document.wait_for_function(_DRAWN, timeout=TIMEOUT_MS)
        shots[section.id] = _settled_screenshot(page, page.locator(MAP_FRAME))
    return shots


def _settled_screenshot(page: Page, masked: Locator, tries: int = 20) -> bytes:
    """A screenshot equal to the one before it: whatever the page still redrew has come to rest."""
    last = page.screenshot(animations="disabled", caret="hide", mask=[masked])
    for _ in range(tries):
        shot = page.screenshot(animations="disabled", caret="hide", mask=[masked])
        if shot == last:
            return shot
        last = shot
    raise AssertionError(f"the page kept changing for {tries} screenshots")


def unseen_difference(first: bytes, second: bytes) -> bool:
    """Whether two screenshots differ by no more than anti-aliasing: no pixel by more than half its
    range, and at most 1 in 2,000 pixels at all. A glyph from another font, a missing icon, text or
    a map moved by a pixel, all differ by far more."""
    difference = ImageChops.difference(_grey(first), _grey(second))
    levels = difference.histogram()  # how many pixels differ by 0, 1, ... 255
    return not any(levels[129:]) and sum(levels[1:]) * 2_000 <= difference.width * difference.height


def _grey(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("L")
