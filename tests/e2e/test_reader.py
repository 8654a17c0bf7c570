"""End to end: a real server, headless Chromium, and what the reader sees at each step."""

from __future__ import annotations

from playwright.sync_api import Page

from storymap.model.resolve import ResolvedSection, ResolvedStory
from support.devserver import SCREENSHOTS
from tests.e2e.reader import TIMEOUT_MS, Reader


def _check_step(reader: Reader, section: ResolvedSection) -> None:
    reader.wait_for_section(section.id)
    expected = [p.id for p in section.places]
    assert reader.status_places() == expected
    assert reader.map_highlights() == {p.id: p.role.value for p in section.places}
    reader.wait_for_url_section(section.id)
    # The map moves at the key press; the passage text follows with the rerun.
    reader.page.locator(f"#passage-{section.id}").wait_for(timeout=TIMEOUT_MS)


def test_next_button_steps_through_every_section(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open("?mode=step")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _check_step(reader, resolved.sections[0])
    loaded = reader.map_load_id()
    for index, section in enumerate(resolved.sections):
        _check_step(reader, section)
        assert reader.map_load_id() == loaded, "the map reloaded"
        page.wait_for_timeout(400)  # let the map's framing settle for the screenshot
        page.screenshot(path=str(SCREENSHOTS / f"{index + 1:02d}-{section.id}.png"))
        if index + 1 < len(resolved.sections):
            page.get_by_role("button", name="Next →").click()
    assert page.get_by_role("button", name="Next →").is_disabled()


def test_keyboard_steps_through_every_section(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open("?mode=step")
    sections = resolved.sections
    _check_step(reader, sections[0])
    loaded = reader.map_load_id()
    for index, section in enumerate(sections):
        _check_step(reader, section)
        if index + 1 < len(sections):
            page.keyboard.press("ArrowRight" if index % 2 == 0 else "j")
    page.keyboard.press("Home")
    _check_step(reader, sections[0])
    page.keyboard.press("End")
    _check_step(reader, sections[-1])
    page.keyboard.press("ArrowLeft")
    _check_step(reader, sections[-2])
    page.keyboard.press("k")
    _check_step(reader, sections[-3])
    assert reader.map_load_id() == loaded, "the map reloaded"


def test_deep_link_opens_its_section(page: Page, server: str, resolved: ResolvedStory) -> None:
    section = resolved.sections[9]
    reader = Reader(page, server).open(f"?section={section.id}")
    _check_step(reader, section)


def test_bad_deep_link_opens_the_start_with_a_notice(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open("?section=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    _check_step(reader, resolved.sections[0])
    assert page.get_by_text("opens at the start").is_visible()


def test_returning_to_a_section_reframes_the_map(page: Page, server: str, resolved: ResolvedStory) -> None:
    section = resolved.sections[5]
    reader = Reader(page, server).open(f"?mode=step&section={section.id}")
    _check_step(reader, section)
    framed = reader.wait_until_framed()
    frame = reader.map_frame()
    frame.locator(".leaflet-container").hover()
    _zoom_in(page)  # the reader zooms in (Ctrl + wheel: a plain wheel scrolls the page), away from the framing
    frame.wait_for_function("v => document.querySelector('.leaflet-container').dataset.view !== v", arg=framed)
    frame.locator(".storymap-reset").click()
    assert reader.wait_until_framed() == framed
    frame.locator(".leaflet-container").hover()
    _zoom_in(page)
    frame.wait_for_function("v => document.querySelector('.leaflet-container').dataset.view !== v", arg=framed)
    page.keyboard.press("j")  # the map has focus: stepping keys are forwarded to the page
    _check_step(reader, resolved.sections[6])
    reader.wait_until_framed()
    page.keyboard.press("k")
    _check_step(reader, section)
    assert reader.wait_until_framed() == framed


def test_embed_view_can_still_be_stepped(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open(f"?embed=true&mode=step&section={resolved.sections[0].id}")
    _check_step(reader, resolved.sections[0])
    page.get_by_role("button", name="Next →").click()
    _check_step(reader, resolved.sections[1])
    assert "embed=true" in page.url


def test_phone_shows_the_map_above_the_text(page: Page, server: str, resolved: ResolvedStory) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    section = resolved.sections[4]
    reader = Reader(page, server).open(f"?mode=step&section={section.id}")
    _check_step(reader, section)
    map_box = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
    text_box = page.locator(f"#passage-{section.id}").bounding_box()
    assert map_box and text_box
    assert map_box["y"] + map_box["height"] <= text_box["y"]
    assert map_box["width"] >= 300 and 200 <= map_box["height"] <= 0.5 * 844
    page.screenshot(path=str(SCREENSHOTS / "phone.png"), full_page=True)


def _zoom_in(page: Page) -> None:
    """Ctrl + wheel over the map, where the pointer is."""
    page.keyboard.down("Control")
    page.mouse.wheel(0, -600)
    page.keyboard.up("Control")
