"""End to end, the pages around the story: presenter keys, the embed snippet, the handout."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from storymap.model.resolve import ResolvedStory
from support.devserver import SCREENSHOTS
from tests.e2e.reader import TIMEOUT_MS, Reader, open_handout


def test_presenter_view_follows_keyboard_and_clicker(page: Page, server: str, resolved: ResolvedStory) -> None:
    reader = Reader(page, server).open("classroom")
    sections = resolved.sections
    reader.wait_for_section(sections[0].id)
    for key, index in [("ArrowRight", 1), ("j", 2), ("PageDown", 3), ("k", 2), ("End", -1), ("Home", 0)]:
        page.keyboard.press(key)
        reader.wait_for_section(sections[index].id)
        assert reader.map_highlights() == {p.id: p.role.value for p in sections[index].places}
    font = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.passage p')).fontSize)")
    assert font >= 24, "presenter type is not large"
    page.screenshot(path=str(SCREENSHOTS / "presenter.png"))


def test_embed_snippet_works_in_another_page(
    page: Page, open_page: Callable[..., Page], server: str, resolved: ResolvedStory, tmp_path: Path
) -> None:
    target = resolved.sections[4]
    page.goto(f"{server}/embed")
    page.get_by_text("Copy this into your page").wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=target.title).click()
    page.wait_for_function(
        "id => [...document.querySelectorAll('code')].some(c => c.textContent.includes('section=' + id))",
        arg=target.id,
        timeout=TIMEOUT_MS,
    )
    snippet = next(t for t in page.locator("code").all_inner_texts() if t.startswith("<iframe"))
    article = tmp_path / "article.html"
    article.write_text(f"<!doctype html><html><body><h1>Our article</h1>{snippet}<p>Credit</p></body></html>")
    host = open_page()
    host.goto(article.as_uri())
    frame = host.frame_locator("iframe")
    frame.locator(f'.map-status[data-section="{target.id}"]').wait_for(timeout=TIMEOUT_MS)
    assert frame.locator(f"#passage-{target.id}").count() == 1
    host.screenshot(path=str(SCREENSHOTS / "embedded.png"))


def test_handout_downloads_with_every_section_and_prints(
    page: Page, open_page: Callable[..., Page], server: str, resolved: ResolvedStory, tmp_path: Path
) -> None:
    handout = open_handout(page, open_page, server, tmp_path)
    found = handout.evaluate(
        "() => [...document.querySelectorAll('section.handout-section')].map(s => s.dataset.section)"
    )
    assert found == resolved.section_ids()
    assert handout.locator("section.handout-section svg").count() == len(found)
    for paper in ("A4", "Letter"):
        pdf = handout.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 4 <= pages <= 2 * len(found), f"{paper}: {pages} pages"
        (SCREENSHOTS / f"handout-{paper}.pdf").write_bytes(pdf)


def _overlay_on_top(page: Page, stroke: str) -> bool:
    """Whether the middle of the first overlay path stroked `stroke` shows that overlay, not a country."""
    frame = page.frame_locator(".st-key-map-panel iframe")
    frame.get_by_text("Baku").wait_for(timeout=TIMEOUT_MS)  # labels come with the countries' shapes
    path = frame.locator(f'.leaflet-overlay-pane path[stroke="{stroke}"]').first
    path.wait_for(state="attached", timeout=TIMEOUT_MS)
    return bool(
        path.evaluate(
            """p => { const r = p.getBoundingClientRect();
                      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                      return !!hit && hit.getAttribute('stroke') === p.getAttribute('stroke'); }"""
        )
    )


def test_timeline_control_maps_draw_over_the_countries_from_the_first_load(page: Page, server: str) -> None:
    page.goto(f"{server}/timeline")
    page.get_by_text("Who held what").wait_for(timeout=TIMEOUT_MS)
    page.locator(".st-key-map-panel").scroll_into_view_if_needed()
    assert _overlay_on_top(page, "#7a3b00"), "the held area is hidden under the countries"
    page.get_by_text("Three districts handed over").last.click()
    frame = page.frame_locator(".st-key-map-panel iframe")
    frame.locator('.leaflet-overlay-pane path[stroke="#222222"]').wait_for(state="attached", timeout=TIMEOUT_MS)
    assert page.get_by_text("under Russian peacekeepers (drawn straight").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "timeline-2020.png"))
