"""What a reader sees, read from the page: the status line, the map's highlights, the URL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Frame, Locator, Page

STATUS = '.map-status[role="status"]'
TIMEOUT_MS = 20_000
# Scroll a passage to a third of the way down the space the text can use; also used by engines.py.
SCROLL_TO = """
id => {
  // Where the map is pinned on top (phones), the text only has the screen below it.
  const textTop = () => {
    const panel = document.querySelector('.st-key-map-panel');
    const box = (panel.closest('[data-testid="stColumn"]') || panel).getBoundingClientRect();
    return box.top <= 8 && box.width >= innerWidth * 0.8 ? box.bottom : 0;
  };
  const el = document.getElementById('passage-' + id);
  let scroller = el.parentElement;
  while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
                      && scroller.scrollHeight > scroller.clientHeight)) { scroller = scroller.parentElement; }
  scroller = scroller || document.scrollingElement;
  for (let i = 0; i < 4; i++) {  // a pinned map moves as the page scrolls: settle in a few passes
    const top = textTop();
    scroller.scrollBy(0, el.getBoundingClientRect().top - (top + (innerHeight - top) / 3));
  }
}
"""


class Reader:
    """A page of the story, with waits that end when the reader would see the change."""

    def __init__(self, page: Page, base_url: str, map_page: str = "streamlit_folium"):
        self.page = page
        self.base_url = base_url
        self.map_page = map_page  # what the map frame's URL contains: the app's component, or the site's map.html

    def open(self, path: str = "") -> Reader:
        """Open a page of the app (`""`, `"?section=x"`, `"classroom"`) and wait for its status line."""
        self.page.goto(f"{self.base_url}/{path}")
        self.page.wait_for_selector(STATUS, timeout=TIMEOUT_MS)
        return self

    def status_section(self) -> str:
        return self.page.locator(STATUS).get_attribute("data-section") or ""

    def status_places(self) -> list[str]:
        places = self.page.locator(STATUS).get_attribute("data-places") or ""
        return [p for p in places.split(",") if p]

    def wait_for_section(self, section_id: str) -> None:
        self.page.wait_for_selector(f'{STATUS}[data-section="{section_id}"]', timeout=TIMEOUT_MS)
        self.map_frame().wait_for_selector(f'.leaflet-container[data-section="{section_id}"]', timeout=TIMEOUT_MS)

    def map_frame(self) -> Frame:
        for _ in range(100):
            for frame in self.page.frames:
                if self.map_page in frame.url:
                    return frame
            self.page.wait_for_timeout(100)
        raise AssertionError("the map's iframe never appeared")

    def map_highlights(self) -> dict[str, str]:
        """Place id to role, for every shape or point the map draws highlighted, once every chunk of
        shapes is drawn (places beyond the region come after the first map), read in one go (a late
        shape brings the focus places forward, reordering the paths)."""
        frame = self.map_frame()
        frame.wait_for_function(
            "() => { const s = document.querySelector('.leaflet-container').dataset.shapes || '';"
            " const [done, all] = s.split('/'); return all && done === all; }",
            timeout=TIMEOUT_MS,
        )
        return dict(
            frame.evaluate(
                "() => [...document.querySelectorAll('path[data-role]')].map(p => [p.dataset.place, p.dataset.role])"
            )
        )

    def url_section(self) -> str | None:
        values = parse_qs(urlparse(self.page.url).query).get("section")
        return values[-1] if values else None

    def wait_for_url_section(self, section_id: str) -> None:
        self.page.wait_for_function(
            "id => new URLSearchParams(location.search).get('section') === id", arg=section_id, timeout=TIMEOUT_MS
        )

    def map_view(self) -> str:
        """The map's current centre and zoom, as 'lat,lon,zoom'."""
        return str(self.map_frame().locator(".leaflet-container").get_attribute("data-view"))

    def wait_until_framed(self) -> str:
        """Wait until the map shows the section's framing; returns that view."""
        self.map_frame().wait_for_function(
            "() => { const c = document.querySelector('.leaflet-container');"
            " return c.dataset.view && c.dataset.view === c.dataset.frameView; }",
            timeout=TIMEOUT_MS,
        )
        return self.map_view()

    def map_load_id(self) -> str:
        """Changes only when the map's frame reloads."""
        return str(self.map_frame().locator(".leaflet-container").get_attribute("data-load-id"))

    def wait_for_active(self, section_id: str) -> None:
        self.page.wait_for_function(
            "id => document.querySelector('.passage.is-active')?.dataset.section === id",
            arg=section_id,
            timeout=TIMEOUT_MS,
        )

    def active_passage(self) -> str | None:
        """The passage the page marks as being read (scroll mode)."""
        active = self.page.evaluate("() => document.querySelector('.passage.is-active')?.dataset.section ?? null")
        return str(active) if active else None

    def scroll_to(self, section_id: str) -> None:
        """Scroll until the passage's top is a third of the way down the space the text can use
        (below the map where the map is pinned on top), as a reader stopping to read it would."""
        self.page.evaluate(SCROLL_TO, section_id)

    def history_length(self) -> int:
        return int(self.page.evaluate("() => history.length"))

    def click(self, locator: Locator) -> None:
        """Click where the element is, once it stays there, as a reader's mouse would. Playwright's
        own click first scrolls the element into view, which for the pinned map column scrolls
        the page; and the column moves while the page glides to a passage."""
        box, previous = locator.bounding_box(), None
        for _ in range(100):
            if box and box == previous:
                break
            self.page.wait_for_timeout(50)
            box, previous = locator.bounding_box(), box
        assert box, "nothing to click"
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def install_probe(self) -> None:
        """Record, in order, every action (key press, click) and every change of the map's section,
        the status line and the passage shown, each with the animation frame it happened in."""
        self.page.evaluate(_PROBE)
        self.map_frame().evaluate(_MAP_PROBE)

    def probe(self) -> dict[str, Any]:
        return dict(self.page.evaluate("() => window.__probe"))

    def matches_python(self, status: str, legend: str) -> bool:
        """Whether the status line and legend on the page equal, node for node, what Python renders."""
        return bool(self.page.evaluate(_SAME_NODES, [status, legend]))

    def scroll_and_read_next_frame(self, section_id: str) -> str:
        """Bring a passage to the reading line in one jump and return what the map's container
        names in the very frame the page sees that scroll."""
        return str(self.page.evaluate(_SCROLL_AND_READ, section_id))


# Actions and changes, in order, with the frame each happened in. Listeners on `window` in the
# capture phase run before the page's own, so an action is recorded before what it causes.
_PROBE = """
() => {
  const probe = window.__probe = {frame: 0, events: []};
  const tick = () => { probe.frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const record = (kind, value) => probe.events.push({kind, value, frame: probe.frame});
  window.addEventListener('keydown', (e) => record('action', e.key), true);
  window.addEventListener('click', (e) => record('action', 'click'), true);
  const status = document.querySelector('.map-status');
  window.__statusNode = status;
  let shown = status.dataset.section, text = status.textContent;
  let passage = document.querySelector('.passage')?.dataset.section;
  new MutationObserver(() => {
    const now = document.querySelector('.map-status');
    if (now !== window.__statusNode) { record('status-replaced', now?.dataset.section); window.__statusNode = now; }
    if (now && now.textContent !== text) { text = now.textContent; record('status-text', text); }
    if (now && now.dataset.section !== shown) { shown = now.dataset.section; record('status', shown); }
    const first = document.querySelector('.passage')?.dataset.section;
    if (!document.querySelector('.story-passages') && first !== passage) { passage = first; record('passage', first); }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""
_MAP_PROBE = """
() => {
  const probe = window.parent.__probe;
  const map = document.querySelector('.leaflet-container');
  new MutationObserver(() => {
    probe.events.push({kind: 'map', value: map.dataset.section, frame: probe.frame});
  }).observe(map, {attributes: true, attributeFilter: ['data-section']});
}
"""
_SAME_NODES = """
([status, legend]) => {
  const parse = (html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  };
  const panel = document.querySelector('.st-key-map-panel');
  return panel.querySelector('.map-status').isEqualNode(parse(status))
    && panel.querySelector('.legend').isEqualNode(parse(legend));
}
"""
_SCROLL_AND_READ = """
id => new Promise((resolve) => {
  const el = document.getElementById('passage-' + id);
  let scroller = el.parentElement;
  while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
                      && scroller.scrollHeight > scroller.clientHeight)) { scroller = scroller.parentElement; }
  const map = document.querySelector('.st-key-map-panel iframe').contentDocument.querySelector('.leaflet-container');
  (scroller || document.scrollingElement).scrollBy(0, el.getBoundingClientRect().top - innerHeight / 3);
  // Scroll events are dispatched in the next frame, before its animation frame callbacks.
  requestAnimationFrame(() => resolve(map.dataset.section));
})
"""


def open_handout(page: Page, open_page: Callable[..., Page], server: str, folder: Path) -> Page:
    """Download the Classroom handout as a teacher would and open the saved file in a new page."""
    page.goto(f"{server}/classroom")
    button = page.get_by_role("button", name=re.compile("Download the handout"))
    button.wait_for(timeout=TIMEOUT_MS)
    with page.expect_download() as download:
        button.click()
    saved = folder / "handout.html"
    download.value.save_as(saved)
    handout = open_page()
    handout.goto(saved.as_uri())
    return handout
