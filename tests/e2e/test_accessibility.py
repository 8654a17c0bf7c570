"""Accessibility, checked by axe-core (installed from npm by `make axe`, pinned in
tests/e2e/axe/package.json) in every page of the app and the static edition, and a keyboard walk.

A serious or critical violation of WCAG 2.1 A/AA or of axe's best practices fails the test; the
moderate and minor ones are printed, so they are seen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from storymap.model.resolve import ResolvedStory
from storymap.ui.pages import PAGES
from tests.e2e.audit import assert_accessible, wait_until_drawn
from tests.e2e.reader import TIMEOUT_MS, Reader, open_handout

# A text that says each page besides the story has rendered.
READY = {
    "places": "Places in the story",
    "timeline": "Who held what",
    "classroom": "Printable handout",
    "embed": "Copy this into your page",
    "about": "About",
    "studio": "Studio",
}
OTHER_PAGES = [pytest.param(p.url_path, READY[p.url_path], id=p.url_path) for p in PAGES if p.url_path]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        pytest.param("", None, id="scroll-first"),
        pytest.param("?section={middle}", None, id="scroll-middle"),
        pytest.param("?section={last}", None, id="scroll-last"),
        pytest.param("?mode=step&section={middle}", None, id="step"),
        pytest.param("?section={middle}", PHONE, id="phone"),
        pytest.param("?mode=step", PHONE, id="phone-step"),
    ],
)
def test_story_page_has_no_serious_violations(
    open_page: Callable[..., Page], server: str, resolved: ResolvedStory, path: str, viewport: dict[str, Any] | None
) -> None:
    sections = resolved.sections
    page = open_page(**(viewport or {}))
    target = path.format(middle=sections[len(sections) // 2].id, last=sections[-1].id)
    Reader(page, server).open(target)
    assert_accessible(page, f"story {target or '(first)'}")


@pytest.mark.parametrize(("path", "ready"), OTHER_PAGES)
def test_other_pages_have_no_serious_violations(page: Page, server: str, path: str, ready: str) -> None:
    page.goto(f"{server}/{path}")
    page.get_by_text(ready).first.wait_for(timeout=TIMEOUT_MS)
    assert_accessible(page, path)


def test_handout_has_no_serious_violations(
    page: Page, open_page: Callable[..., Page], server: str, tmp_path: Path
) -> None:
    handout = open_handout(page, open_page, server, tmp_path)
    assert_accessible(handout, "handout")


def test_static_edition_has_no_serious_violations(page: Page, static_site: str, resolved: ResolvedStory) -> None:
    Reader(page, static_site, map_page="map.html").open(f"?section={resolved.sections[2].id}")
    assert_accessible(page, "static edition")


def _focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus, its name, and whether it shows a focus indicator."""
    described: dict[str, Any] = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                   const name = e.getAttribute('aria-label') || e.innerText || e.title || '';
                   return {tag: e.tagName, name: name.trim().slice(0, 40), ring,
                           visible: e.matches(':focus-visible'),
                           title: e.tagName === 'IFRAME' ? e.title : null}; }"""
    )
    return described


def _tab_through(page: Page, presses: int) -> list[dict[str, Any]]:
    """What the focus lands on at each of `presses` Tab presses from the top of the page."""
    wait_until_drawn(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
    return seen


def _unringed(seen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in seen if f["tag"] not in ("BODY", "IFRAME") and not f["ring"]]


@pytest.mark.parametrize(("path", "ready"), OTHER_PAGES)
def test_keyboard_walks_every_page_with_a_visible_focus_and_no_trap(
    page: Page, server: str, path: str, ready: str
) -> None:
    page.goto(f"{server}/{path}")
    page.get_by_text(ready).first.wait_for(timeout=TIMEOUT_MS)
    seen = _tab_through(page, 30)
    names = " | ".join(f["name"] for f in seen)
    assert "Story" in names and "About" in names, f"the page links are not reachable: {names}"
    assert len({(f["tag"], f["name"]) for f in seen}) >= 6, f"the focus is stuck: {names}"
    assert _unringed(seen) == [], f"focused without a visible indicator: {_unringed(seen)}"


def test_keyboard_reaches_every_story_control_with_a_visible_focus(
    page: Page, server: str, resolved: ResolvedStory
) -> None:
    reader = Reader(page, server).open(f"?mode=step&section={resolved.sections[1].id}")
    seen = _tab_through(page, 40)
    names = " | ".join(f["name"] for f in seen)
    # "Scroll": the mode switch is one tab stop, its options moved between with the arrow keys.
    for control in ("Previous", "Next", "Story", "Places", "Timeline", "Scroll"):
        assert control in names, f"{control} is not reachable by Tab: {names}"
    assert any(f["tag"] == "INPUT" for f in seen), "the section picker is not reachable by Tab"
    assert _unringed(seen) == [], f"focused without a visible indicator: {_unringed(seen)}"
    frames = [f for f in seen if f["tag"] == "IFRAME"]
    assert frames and all(f["title"] == "Map of the places in the story" for f in frames), frames[:1]
    reader.wait_for_section(resolved.sections[1].id)


def test_map_controls_are_named_for_screen_readers(page: Page, server: str) -> None:
    reader = Reader(page, server).open()
    frame = reader.map_frame()
    frame.wait_for_selector(".storymap-reset", timeout=TIMEOUT_MS)
    names = frame.evaluate(
        "() => [...document.querySelectorAll('.leaflet-control a, .leaflet-control button, button.leaflet-control')]"
        ".map(e => (e.getAttribute('aria-label') || e.textContent || '').trim())"
    )
    assert "Zoom in" in names and "Zoom out" in names and "Reset view" in names
    assert all(names), f"a map control has no name: {names}"
