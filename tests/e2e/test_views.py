"""The map as the reader sees it, measured from the page's geometry (support/seen.py): labels never
printed over each other, the places in focus inside the visible frame, the map's share of the
screen, deep links that land where they point, control maps framed on what they draw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from storymap.model.resolve import ResolvedStory
from support.devserver import SCREENSHOTS
from support.seen import (
    AT_REST,
    AT_REST_ON,
    SCROLLED,
    SHOWN,
    WIDER_THAN_SCREEN,
    card_box,
    control_drawn,
    control_kinds,
    covered_below,
    focus_ids,
    map_controls,
    overlapping_pairs,
    reader_bodies,
    screen_share,
    share_in_frame,
    still,
    visible_labels,
)
from tests.e2e.reader import TIMEOUT_MS, Reader

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"viewport": {"width": 1366, "height": 850}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SIZES: dict[str, dict[str, Any]] = {"desktop": DESKTOP, "phone": PHONE}
MAP_FRAME = {"app": ".st-key-map-panel iframe", "site": "iframe.site-map-frame"}
MAP_PAGE = {"app": "streamlit_folium", "site": "map.html"}
IN_FRAME = 0.97
# What the page shows (status, mark, URL) and where it is scrolled stay the same for 48 animation
# frames, 0.8 s: where staying put is the point, a short window of stillness.
STAYS = still(48, f"() => [({SHOWN})(), ({SCROLLED})()]")


def _base(edition: str, server: str, static_site: str) -> str:
    return server if edition == "app" else static_site


def _wait_framed(reader: Reader, section_id: str) -> Frame:
    """Wait until the map has flown to the section's frame and stays there (the card's inset may
    re-frame it once after a step)."""
    frame = reader.map_frame()
    for _ in range(2):
        frame.wait_for_function(AT_REST_ON, arg=section_id, timeout=TIMEOUT_MS)
        reader.page.wait_for_timeout(300)
    frame.wait_for_function(AT_REST_ON, arg=section_id, timeout=TIMEOUT_MS)
    return frame


def _screen(width: int, height: int, touch: bool, scale: float = 1) -> dict[str, Any]:
    """A browser context's options for a screen (reduced motion: each step lands at once, and its
    frame is the same as after a flight)."""
    options: dict[str, Any] = {"viewport": {"width": width, "height": height}, "reduced_motion": "reduce"}
    if touch:
        options.update(is_mobile=True, has_touch=True)
    if scale != 1:
        options["device_scale_factor"] = scale
    return options


# Every screen a reader brings: the smallest phones (and a 1280 px window at 400%, which WCAG
# 1.4.10 asks to reflow), phones, tablets both ways, laptops, desktops, and a 1366 by 850 desktop at
# 200% browser zoom (half the CSS pixels, twice the device pixels).
SCREENS: dict[str, dict[str, Any]] = {
    "320x568": _screen(320, 568, touch=True),
    "360x780": _screen(360, 780, touch=True),
    "414x896": _screen(414, 896, touch=True),
    "768x1024": _screen(768, 1024, touch=True),
    "1024x768": _screen(1024, 768, touch=True),
    "1280x720": _screen(1280, 720, touch=False),
    "1366x850": _screen(1366, 850, touch=False),
    "1920x1080": _screen(1920, 1080, touch=False),
    "1366x850-at-200%": _screen(683, 425, touch=False, scale=2),
}


def _step_problems(page: Page, frame: Frame, section: Any, bodies: dict[str, Any], edition: str) -> list[str]:
    """What a reader would find wrong with the step shown: labels over each other, a place in focus
    out of the visible frame or under the map's controls or card, controls over each other, a
    page wider than the screen."""
    problems = []
    labels = visible_labels(frame)
    if not labels:
        problems.append("no label is shown")
    if pairs := overlapping_pairs(labels):
        problems.append(f"labels overlap {pairs}")
    shown = {label.text for label in labels}
    controls = map_controls(frame)
    card = card_box(page, MAP_FRAME[edition])
    boxes = controls + ([card] if card else [])
    if pairs := overlapping_pairs(boxes):
        problems.append(f"the map's controls overlap {pairs}")
    covered = covered_below(page, MAP_FRAME[edition])
    for place_id in focus_ids(frame):
        place = next(p for p in section.places if p.id == place_id)
        share = share_in_frame(frame, bodies[place_id], covered, tuple(controls))
        if share < IN_FRAME:
            problems.append(f"only {share:.0%} of {place_id} is in the visible frame, clear of the controls")
        if place.kind.value in ("country", "city", "region", "province") and place.name not in shown:
            problems.append(f"the place in focus {place.name} has no label")
    viewport = page.viewport_size
    assert viewport
    problems += page.evaluate(WIDER_THAN_SCREEN, viewport["width"])
    return problems


@pytest.mark.parametrize("edition", ["app", "site"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_step_on_every_screen_shows_labels_apart_and_its_places_in_frame(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str, screen: str
) -> None:
    page = open_page(**SCREENS[screen])
    reader = Reader(page, _base(edition, server, static_site), MAP_PAGE[edition]).open()
    cities = {p.id: p.point for s in resolved.sections for p in s.places if p.point}
    bodies = reader_bodies(ROOT / "geodata" / "shapes", cities)
    problems = []
    for index, section in enumerate(resolved.sections):
        if index:
            page.keyboard.press("ArrowRight")
        frame = reader.map_frame()
        frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        problems += [f"{section.id}: {problem}" for problem in _step_problems(page, frame, section, bodies, edition)]
        page.screenshot(path=str(SCREENSHOTS / f"view-{edition}-{screen}-{section.id}.png"))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("edition", ["app", "site"])
def test_the_map_is_the_hero_on_a_desktop_and_leaves_the_text_room_on_a_phone(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str
) -> None:
    middle = resolved.sections[len(resolved.sections) // 2].id
    desktop = open_page(**DESKTOP)
    reader = Reader(desktop, _base(edition, server, static_site), MAP_PAGE[edition]).open(f"?section={middle}")
    _wait_framed(reader, middle)
    assert screen_share(desktop, MAP_FRAME[edition]) >= 0.40
    box = desktop.locator(MAP_FRAME[edition]).bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 850, "the map runs off the screen"

    phone = open_page(**PHONE)
    reader = Reader(phone, _base(edition, server, static_site), MAP_PAGE[edition]).open(f"?section={middle}")
    _wait_framed(reader, middle)
    box = phone.locator(MAP_FRAME[edition]).bounding_box()
    assert box and 0.25 * 844 <= box["height"] <= 0.42 * 844


@pytest.mark.parametrize("edition", ["app", "site"])
def test_deep_links_on_a_phone_land_and_stay_on_their_section(
    open_page: Callable[..., Page], server: str, static_site: str, resolved: ResolvedStory, edition: str
) -> None:
    wrong = []
    for section in resolved.sections:
        page = open_page(**PHONE)
        reader = Reader(page, _base(edition, server, static_site), MAP_PAGE[edition]).open(f"?section={section.id}")
        frame = reader.map_frame()
        try:  # the page names the section everywhere, and the map rests on it...
            page.wait_for_function(f"(id) => Object.values(({SHOWN})()).every((v) => v === id)", arg=section.id)
            frame.wait_for_function(AT_REST_ON, arg=section.id, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # what it shows instead is reported below
        page.evaluate(STAYS)  # ...and stays so: the glide and any late rerun are over
        seen = page.evaluate(SHOWN)
        seen["map"] = frame.evaluate("() => document.querySelector('.leaflet-container').dataset.section")
        if set(seen.values()) != {section.id}:
            wrong.append(f"{section.id}: {seen}")
        page.context.close()
    assert wrong == []


def test_control_maps_are_framed_on_what_they_draw(open_page: Callable[..., Page], server: str) -> None:
    page = open_page(**DESKTOP)
    page.goto(f"{server}/timeline")
    options = page.locator('[data-testid="stRadio"] [role="radiogroup"] label')
    options.first.wait_for(timeout=TIMEOUT_MS)
    kinds = set()
    for index in range(options.count()):
        if index:
            options.nth(index).click()
        panel = page.locator(".st-key-map-panel")
        handle = panel.locator("iframe").element_handle()
        frame = handle.content_frame()
        assert frame
        frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
        page.wait_for_timeout(1_500)  # a choice's rerun sends its layer, and the map flies
        frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
        panel.screenshot(path=str(SCREENSHOTS / f"control-map-{index}.png"))
        drawn = control_drawn(frame)
        kinds |= control_kinds(frame)
        if drawn.count:
            assert drawn.inside >= IN_FRAME, f"choice {index}: the marks run out of the map"
            assert max(drawn.width, drawn.height) >= 0.4, f"choice {index}: the marks are too small to read: {drawn}"
    assert kinds == {"held", "partly", "route"}
