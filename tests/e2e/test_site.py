"""End to end, the static edition served by a plain static server: the reader's checks, no Python."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from storymap.model.resolve import ResolvedSection, ResolvedStory
from support.devserver import SCREENSHOTS
from tests.e2e.reader import TIMEOUT_MS, Reader

MAP_PAGE = "map.html"


def _check(reader: Reader, section: ResolvedSection) -> None:
    reader.wait_for_section(section.id)
    assert reader.status_places() == [p.id for p in section.places]
    assert reader.map_highlights() == {p.id: p.role.value for p in section.places}
    reader.wait_for_active(section.id)
    reader.wait_for_url_section(section.id)


def test_scrolling_drives_map_status_and_url(page: Page, static_site: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, static_site, MAP_PAGE).open()
    _check(reader, resolved.sections[0])
    loaded, history = reader.map_load_id(), reader.history_length()
    for section in resolved.sections[1:]:
        reader.scroll_to(section.id)
        _check(reader, section)
    assert reader.map_load_id() == loaded, "the map reloaded"
    assert reader.history_length() == history, "scrolling added history entries"
    page.screenshot(path=str(SCREENSHOTS / "site-end.png"))


def test_keys_buttons_and_picker_step(page: Page, static_site: str, resolved: ResolvedStory) -> None:
    sections = resolved.sections
    reader = Reader(page, static_site, MAP_PAGE).open()
    _check(reader, sections[0])
    for section in sections[1:]:
        page.keyboard.press("ArrowRight")
        _check(reader, section)
    page.keyboard.press("Home")
    _check(reader, sections[0])
    reader.click(page.get_by_role("button", name="Next →"))
    _check(reader, sections[1])
    page.locator(".st-key-picker select").select_option(sections[9].id)
    _check(reader, sections[9])
    assert page.locator(".st-key-picker select").input_value() == sections[9].id


@pytest.mark.parametrize("value", ["the-drawbacks", "no-such-section", "%3Cscript%3E"])
def test_deep_links(page: Page, static_site: str, resolved: ResolvedStory, value: str) -> None:
    known = {s.id: s for s in resolved.sections}
    expected = known.get(value, resolved.sections[0])
    reader = Reader(page, static_site, MAP_PAGE).open(f"?section={value}")
    reader.wait_for_section(expected.id)
    reader.wait_for_url_section(expected.id)  # a value that names no section is not kept
    if value not in known:
        assert page.get_by_text("opens at the start").is_visible()
        assert "script" not in page.locator(".site-notice").inner_text()
        return
    page.wait_for_function(
        "id => { const b = document.getElementById('passage-' + id).getBoundingClientRect();"
        " return b.top < innerHeight / 2 && innerHeight / 2 < b.bottom; }",
        arg=expected.id,
        timeout=TIMEOUT_MS,
    )


def test_a_share_page_opens_the_story_at_its_section(page: Page, static_site: str, resolved: ResolvedStory) -> None:
    section = resolved.sections[6]
    page.goto(f"{static_site}/share/{section.id}.html")
    reader = Reader(page, static_site, MAP_PAGE)
    page.wait_for_selector(f'.map-status[data-section="{section.id}"]', timeout=TIMEOUT_MS)
    _check(reader, section)
    assert page.url.endswith(f"/index.html?section={section.id}")


def test_reset_view_and_popup(page: Page, static_site: str, resolved: ResolvedStory) -> None:
    section = resolved.sections[4]
    reader = Reader(page, static_site, MAP_PAGE).open(f"?section={section.id}")
    reader.wait_for_section(section.id)
    framed = reader.wait_until_framed()
    frame = reader.map_frame()
    frame.locator(".leaflet-container").hover()
    _zoom_in(page)  # the reader zooms in (Ctrl + wheel: a plain wheel scrolls the page), away from the framing
    frame.wait_for_function("v => document.querySelector('.leaflet-container').dataset.view !== v", arg=framed)
    frame.locator(".storymap-reset").click()
    assert reader.wait_until_framed() == framed
    frame.locator(f'path[data-place="{section.places[0].id}"]').first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=TIMEOUT_MS)
    assert section.places[0].name in popup.inner_text() and "Source:" in popup.inner_text()


def test_phone_pins_the_map_on_top(open_page: Callable[..., Page], static_site: str, resolved: ResolvedStory) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    reader = Reader(page, static_site, MAP_PAGE).open()
    _check(reader, resolved.sections[0])
    for section in resolved.sections[1:5]:
        reader.scroll_to(section.id)
        _check(reader, section)
        frame = page.locator(".site-map-frame").bounding_box()
        text = page.locator(f"#passage-{section.id}").bounding_box()
        assert frame and text
        assert -1 <= frame["y"] <= 1 and frame["height"] <= 0.42 * 844, "the map is not pinned on top"
        assert text["y"] >= frame["y"] + frame["height"] - 1, "the passage hides under the map"
    page.screenshot(path=str(SCREENSHOTS / "site-phone.png"))


def test_reduced_motion_jumps(open_page: Callable[..., Page], static_site: str, resolved: ResolvedStory) -> None:
    page = open_page(reduced_motion="reduce")
    reader = Reader(page, static_site, MAP_PAGE).open()
    _check(reader, resolved.sections[0])
    reader.map_frame().evaluate(
        """() => {
          window.__animated = [];
          const original = L.Map.prototype.fitBounds;
          L.Map.prototype.fitBounds = function (bounds, options) {
            window.__animated.push(options && options.animate);
            return original.apply(this, arguments);
          };
        }"""
    )
    page.keyboard.press("j")
    _check(reader, resolved.sections[1])
    assert reader.map_frame().evaluate("() => window.__animated") == [False]


def _zoom_in(page: Page) -> None:
    """Ctrl + wheel over the map, where the pointer is."""
    page.keyboard.down("Control")
    page.mouse.wheel(0, -600)
    page.keyboard.up("Control")
