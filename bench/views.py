"""Every view a step lands on, as the reader sees it: screenshots and measures.

`python -m bench.views [--edition app|site|both] [--out artifacts/views]` opens `?section=<id>`
for every section of the story, at a desktop (1366×850) and a phone (390×844) viewport, in the
live app and in the static edition, waits until the map has finished framing the section, takes a
screenshot and prints, per view: visible labels that overlap, the share of the screen the map
takes, the worst share of a focus place inside the map's frame, and whether the map, the status
line, the passage mark and the URL all name the linked section. The Timeline's control maps are
photographed too. Look at the screenshots; the figures are what the browser tests assert.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, ViewportSize, sync_playwright
from shapely.geometry.base import BaseGeometry

from bench.site_server import static_edition
from storymap.model.project import load_resolved
from support.devserver import CHROMIUM, CHROMIUM_ARGS, serve
from support.seen import (
    AT_REST,
    SHOWN,
    Drawn,
    control_drawn,
    covered_below,
    focus_ids,
    overlapping_pairs,
    reader_bodies,
    screen_share,
    share_in_frame,
    visible_labels,
)

ROOT = Path(__file__).resolve().parent.parent
VIEWPORTS: dict[str, ViewportSize] = {"desktop": {"width": 1366, "height": 850}, "phone": {"width": 390, "height": 844}}
TIMEOUT_MS = 20_000
MAP_FRAME = {"app": ".st-key-map-panel iframe", "site": "iframe.site-map-frame"}


@dataclass(frozen=True)
class View:
    """What one view shows the reader."""

    edition: str
    size: str
    section: str
    overlaps: list[tuple[str, str]]
    map_share: float
    worst_focus_share: float
    agrees: bool


def open_view(
    browser: Browser, base: str, edition: str, size: str, section: str, bodies: dict[str, BaseGeometry], out: Path
) -> View:
    """Open a deep link, wait until the map has framed it and settled, measure, photograph."""
    phone = size == "phone"
    context = browser.new_context(viewport=VIEWPORTS[size], is_mobile=phone, has_touch=phone)
    page = context.new_page()
    try:
        page.goto(f"{base}/?section={section}")
        frame = map_frame(page, edition)
        frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
        page.wait_for_timeout(1500)  # a deep link scrolls and the map may fly again: let both end
        frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
        shown = page.evaluate(SHOWN)
        map_section = frame.evaluate("() => document.querySelector('.leaflet-container').dataset.section")
        agrees = {map_section, shown["status"], shown["active"], shown["url"]} == {section}
        covered = covered_below(page, MAP_FRAME[edition])
        shares = [share_in_frame(frame, bodies[place_id], covered) for place_id in focus_ids(frame)]
        page.screenshot(path=str(out / f"{edition}-{size}-{section}.png"))
        return View(
            edition=edition,
            size=size,
            section=section,
            overlaps=overlapping_pairs(visible_labels(frame)),
            map_share=screen_share(page, MAP_FRAME[edition]),
            worst_focus_share=min(shares, default=1.0),
            agrees=agrees,
        )
    finally:
        context.close()


def control_views(browser: Browser, base: str, out: Path) -> list[tuple[str, Drawn]]:
    """Each of the Timeline's control maps, at first load and at each choice: photographed, and
    the box of what it draws measured against the map."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    seen = []
    try:
        page.goto(f"{base}/timeline")
        radio = page.locator('[data-testid="stRadio"] [role="radiogroup"] label')
        radio.first.wait_for(timeout=TIMEOUT_MS)
        for index in range(radio.count()):
            if index:
                radio.nth(index).click()
            panel = page.locator(".st-key-map-panel")
            panel.scroll_into_view_if_needed()
            handle = panel.locator("iframe").element_handle()
            frame = handle.content_frame()
            assert frame
            page.wait_for_timeout(1000)  # the choice's rerun sends the new layer
            frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)
            page.wait_for_timeout(1000)
            name = radio.nth(index).inner_text().split(":")[0].strip().replace(" ", "-")
            panel.screenshot(path=str(out / f"control-{index}-{name}.png"))
            seen.append((name, control_drawn(frame)))
    finally:
        context.close()
    return seen


def map_frame(page: Page, edition: str) -> Frame:
    """The map's frame of either edition, once it is there."""
    page.wait_for_selector(MAP_FRAME[edition], timeout=TIMEOUT_MS)
    handle = page.query_selector(MAP_FRAME[edition])
    assert handle
    frame = handle.content_frame()
    assert frame
    frame.wait_for_selector(".leaflet-container", timeout=TIMEOUT_MS)
    return frame


@contextmanager
def editions(which: str) -> Iterator[dict[str, str]]:
    """The live app and the static edition, each at a base URL."""
    with serve() as app, static_edition() as site:
        yield {name: url for name, url in (("app", app.url), ("site", site)) if which in (name, "both")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=["app", "site", "both"], default="both")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "views")
    parser.add_argument("--sections", nargs="*", help="only these section ids")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    story = load_resolved(ROOT / "story", ROOT / "geodata")
    ids = args.sections or story.section_ids()
    cities = {p.id: p.point for s in story.sections for p in s.places if p.point}
    bodies = reader_bodies(ROOT / "geodata" / "shapes", cities)
    views = []
    with sync_playwright() as playwright, editions(args.edition) as bases:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for edition, base in bases.items():
            for size in VIEWPORTS:
                for section in ids:
                    view = open_view(browser, base, edition, size, section, bodies, args.out)
                    views.append(view)
                    flags = "" if view.agrees else "  DEEP LINK LANDS ELSEWHERE"
                    print(
                        f"{edition:4} {size:7} {section:32} overlaps {len(view.overlaps):2}"
                        f"  map {view.map_share:4.0%}  focus in frame {view.worst_focus_share:5.1%}{flags}"
                        + (f"  {view.overlaps}" if view.overlaps else "")
                    )
        if "app" in bases:
            for name, drawn in control_views(browser, bases["app"], args.out):
                print(
                    f"control map after {name}: {drawn.count} marks, {drawn.inside:.0%} of their box inside the map,"
                    f" {drawn.width:.0%} of its width, {drawn.height:.0%} of its height"
                )
    for edition in bases:
        for size in VIEWPORTS:
            mine = [v for v in views if v.edition == edition and v.size == size]
            print(
                f"{edition} {size}: views with overlaps {sum(bool(v.overlaps) for v in mine)} of {len(mine)},"
                f" pairs {sum(len(v.overlaps) for v in mine)}, map share median"
                f" {statistics.median(v.map_share for v in mine):.0%}, worst focus in frame"
                f" {min(v.worst_focus_share for v in mine):.1%}, deep links elsewhere"
                f" {sum(not v.agrees for v in mine)}"
            )
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
