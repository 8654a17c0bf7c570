"""End to end, scroll mode: the passage in the middle of the screen drives the map and the URL."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from storymap.model.resolve import ResolvedSection, ResolvedStory
from support.devserver import SCREENSHOTS
from tests.e2e.reader import TIMEOUT_MS, Reader


def _check_read(reader: Reader, section: ResolvedSection) -> None:
    reader.wait_for_section(section.id)
    assert reader.status_places() == [p.id for p in section.places]
    assert reader.map_highlights() == {p.id: p.role.value for p in section.places}
    reader.wait_for_active(section.id)
    reader.wait_for_url_section(section.id)


def test_scrolling_to_each_passage_drives_map_status_and_url(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    loaded, history = reader.map_load_id(), reader.history_length()
    for section in resolved.sections[1:]:
        reader.scroll_to(section.id)
        _check_read(reader, section)
    assert reader.map_load_id() == loaded, "the map reloaded"
    assert reader.history_length() == history, "scrolling added history entries"


def test_wheel_scrolling_reaches_the_next_passages(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    page.mouse.move(300, 600)  # over the text column
    seen = [resolved.sections[0].id]
    for _ in range(80):  # small notches, so no passage can slip past between two frames
        page.mouse.wheel(0, 100)
        page.wait_for_timeout(120)
        active = reader.active_passage()
        if active and active not in seen:
            seen.append(active)
        if len(seen) >= 4:
            break
    assert seen[:4] == [s.id for s in resolved.sections[:4]]
    reader.wait_for_section(seen[-1])
    assert reader.status_section() == seen[-1]


def test_fast_scroll_settles_on_the_last_passage_without_a_queue(
    page: Page, server: str, resolved: ResolvedStory
) -> None:
    """Each passage that crosses the reading line is a step, in reading order, as in scrollama;
    the map ends on the last one and nothing follows it (no queue of steps or flights)."""
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    page.evaluate(
        """() => {
          window.__shown = [document.querySelector('.map-status').dataset.section];
          new MutationObserver(() => {
            const s = document.querySelector('.map-status')?.dataset.section;
            if (s && s !== window.__shown[window.__shown.length - 1]) { window.__shown.push(s); }
          }).observe(document.body, {subtree: true, childList: true, attributes: true});
        }"""
    )
    passed = [s.id for s in resolved.sections[1:7]]
    for section_id in passed:  # five passages flash by, 40 ms each
        reader.scroll_to(section_id)
        page.wait_for_timeout(40)
    _check_read(reader, resolved.sections[6])
    reader.wait_until_framed()
    page.wait_for_timeout(800)
    shown = page.evaluate("() => window.__shown")
    assert shown[0] == resolved.sections[0].id and shown[-1] == resolved.sections[6].id, shown
    order = resolved.section_ids()
    assert [order.index(s) for s in shown] == sorted({order.index(s) for s in shown}), f"the map went back: {shown}"
    assert reader.map_frame().evaluate("() => document.querySelector('.leaflet-container').dataset.section") == (
        resolved.sections[6].id
    )


def test_next_button_and_keys_scroll_to_the_next_passage(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    page.get_by_role("button", name="Next →").click()
    _check_read(reader, resolved.sections[1])
    page.keyboard.press("ArrowRight")
    _check_read(reader, resolved.sections[2])
    page.keyboard.press("k")
    _check_read(reader, resolved.sections[1])
    page.keyboard.press("End")
    _check_read(reader, resolved.sections[-1])


def test_deep_link_scrolls_to_its_passage(page: Page, server: str, resolved: ResolvedStory) -> None:
    section = resolved.sections[8]
    reader = Reader(page, server).open(f"?section={section.id}")
    _check_read(reader, section)  # the map shows it at once; the page then glides there
    page.wait_for_function(
        "id => { const b = document.getElementById('passage-' + id).getBoundingClientRect();"
        " return b.top < innerHeight / 2 && innerHeight / 2 < b.bottom; }",
        arg=section.id,
        timeout=TIMEOUT_MS,
    )


def test_embedded_page_scrolls_too(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open("?embed=true")
    _check_read(reader, resolved.sections[0])
    reader.scroll_to(resolved.sections[3].id)
    _check_read(reader, resolved.sections[3])


def test_phone_pins_a_small_map_and_scrolling_drives_it(
    open_page: Callable[..., Page], server: str, resolved: ResolvedStory
) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    for section in resolved.sections[1:5]:
        reader.scroll_to(section.id)
        _check_read(reader, section)
        pinned = page.locator('[data-testid="stColumn"]:has(.st-key-map-panel)').bounding_box()
        frame = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
        text = page.locator(f"#passage-{section.id}").bounding_box()
        assert pinned and frame and text
        assert -1 <= pinned["y"] <= 1, "the map is not pinned at the top"
        assert pinned["height"] <= 0.42 * 844 and frame["height"] >= 0.25 * 844
        assert text["y"] >= pinned["y"] + pinned["height"] - 1, "the passage hides under the map"
    page.screenshot(path=str(SCREENSHOTS / "phone-scroll.png"))
    container = reader.map_frame().locator(".leaflet-container")
    assert "leaflet-touch-drag" not in (container.get_attribute("class") or ""), "one finger would pan the map"


def test_reduced_motion_jumps_instead_of_gliding(
    open_page: Callable[..., Page], server: str, resolved: ResolvedStory
) -> None:
    page = open_page(reduced_motion="reduce")
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    page.evaluate(
        """() => {
          window.__behaviours = [];
          for (const name of ['scrollBy', 'scrollTo']) {
            const original = Element.prototype[name];
            Element.prototype[name] = function (options) {
              window.__behaviours.push(options && options.behavior);
              return original.apply(this, arguments);
            };
          }
        }"""
    )
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
    page.get_by_role("button", name="Next →").click()
    _check_read(reader, resolved.sections[1])
    assert page.evaluate("() => window.__behaviours") == ["auto"]
    assert reader.map_frame().evaluate("() => window.__animated") == [False]


def test_map_updates_do_not_shift_the_text(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open()
    _check_read(reader, resolved.sections[0])
    page.evaluate(
        """() => {
          window.__shift = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__shift += entry.value; } }
          }).observe({type: 'layout-shift'});
        }"""
    )
    for section in resolved.sections[1:6]:
        reader.scroll_to(section.id)
        _check_read(reader, section)
    assert page.evaluate("() => window.__shift") < 0.01
