"""What a reader sees, read from the page: the status line, the map's highlights, the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Frame, Page

STATUS = '.map-status[role="status"]'
TIMEOUT_MS = 20_000
_SCROLL_TO = """
id => {
  // Where the map is pinned on top (phones), the text only has the screen below it.
  const textTop = () => {
    const box = document.querySelector('.st-key-map-panel').closest('[data-testid="stColumn"]').getBoundingClientRect();
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

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

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
                if "streamlit_folium" in frame.url:
                    return frame
            self.page.wait_for_timeout(100)
        raise AssertionError("the map's iframe never appeared")

    def map_highlights(self) -> dict[str, str]:
        """Place id to role, for every shape or point the map draws highlighted."""
        paths = self.map_frame().locator("path[data-role]")
        return {
            paths.nth(i).get_attribute("data-place") or "": paths.nth(i).get_attribute("data-role") or ""
            for i in range(paths.count())
        }

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
        self.page.evaluate(_SCROLL_TO, section_id)

    def history_length(self) -> int:
        return int(self.page.evaluate("() => history.length"))
