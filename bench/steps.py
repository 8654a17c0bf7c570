"""What a step costs, over the whole story: server time, bytes to the page, key press to status.

`python -m bench.steps [--rounds N]` starts the app on a free port, drives headless Chromium
through every section N times (with the → key in step mode, then by scrolling) and prints, for
each measure, the median and the 95th percentile over all steps:

(a) server time per step: the script (fragment) rerun, timed inside the server;
(b) bytes the server sends per step: all websocket messages of the rerun, and the map's share
    (the message that carries the streamlit-folium component);
(c) key press to the status element naming the new section, timed inside the page;
(d) scroll to map: from the page scrolling a passage to the reading line (in one jump, as a
    reader's flick ends) to the map's frame showing that passage's places; this includes the
    140 ms the page waits for scrolling to stop before it tells the server.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, WebSocket, sync_playwright

from storymap.devserver import CHROMIUM, CHROMIUM_ARGS, serve

STATUS = '.map-status[role="status"]'
# In-page probe: time from a keydown to the status element naming another section.
_PROBE = """
() => {
  window.__latencies = [];
  window.__pressed = null;
  window.__shown = document.querySelector('.map-status')?.dataset.section;
  document.addEventListener('keydown', () => { window.__pressed = performance.now(); }, true);
  new MutationObserver(() => {
    const status = document.querySelector('.map-status');
    const shown = status && status.dataset.section;
    if (!shown || shown === window.__shown) { return; }
    window.__shown = shown;
    if (window.__pressed === null) { return; }
    window.__latencies.push(performance.now() - window.__pressed);
    window.__pressed = null;
  }).observe(document.body, {subtree: true, childList: true, attributes: true});
}
"""


@dataclass
class Traffic:
    """Websocket traffic from the server, step by step."""

    runs_file: Path
    received_bytes: int = 0
    map_bytes: int = 0
    runs_seen: int = 0
    server_ms: list[float] = field(default_factory=list)
    kilobytes: list[float] = field(default_factory=list)
    map_kilobytes: list[float] = field(default_factory=list)

    def reset(self) -> None:
        self.received_bytes = self.map_bytes = 0
        self.runs_seen = len(self._runs())

    def _runs(self) -> list[float]:
        return [float(line) for line in self.runs_file.read_text().split()] if self.runs_file.exists() else []

    def on_received(self, payload: str | bytes) -> None:
        self.received_bytes += len(payload)
        raw = payload.encode() if isinstance(payload, str) else payload
        if b"streamlit_folium" in raw:
            self.map_bytes += len(raw)

    def close_step(self) -> None:
        self.server_ms.extend(self._runs()[self.runs_seen :])
        self.kilobytes.append(self.received_bytes / 1000)
        self.map_kilobytes.append(self.map_bytes / 1000)


def summary(name: str, values: list[float], unit: str) -> str:
    """One line: median and p95."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{name}: median {statistics.median(ordered):.1f} {unit}, p95 {p95:.1f} {unit} (n={len(ordered)})"


def walk(url: str, rounds: int, runs_file: Path) -> tuple[Traffic, list[float]]:
    """Step through the story `rounds` times; return the traffic per step and the key latencies."""
    traffic = Traffic(runs_file)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def on_socket(socket: WebSocket) -> None:
            socket.on("framereceived", traffic.on_received)

        page.on("websocket", on_socket)
        page.goto(f"{url}/?mode=step")
        page.wait_for_selector(STATUS, timeout=30_000)
        _settle(page)
        page.evaluate(_PROBE)
        sections = int(page.locator(".progress").inner_text().split(" of ")[1])
        for _ in range(rounds):
            page.keyboard.press("Home")
            _settle(page)
            for _ in range(sections - 1):
                traffic.reset()
                before = page.locator(STATUS).get_attribute("data-section")
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "b => document.querySelector('.map-status')?.dataset.section !== b", arg=before, timeout=30_000
                )
                _settle(page)
                traffic.close_step()
        latencies = [float(v) for v in page.evaluate("() => window.__latencies")]
        browser.close()
    return traffic, latencies


# In-page: jump a passage to the reading line, then time until the map's frame shows it.
_SCROLL_TO_MAP = """
id => new Promise((resolve) => {
  const el = document.getElementById('passage-' + id);
  let scroller = el.parentElement;
  while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
                      && scroller.scrollHeight > scroller.clientHeight)) { scroller = scroller.parentElement; }
  const frame = document.querySelector('iframe[src*="streamlit_folium"]');
  const start = performance.now();
  (scroller || document.scrollingElement).scrollBy(0, el.getBoundingClientRect().top - innerHeight / 3);
  const poll = () => {
    const map = frame.contentDocument.querySelector('.leaflet-container');
    if (map && map.dataset.section === id) { resolve(performance.now() - start); } else { requestAnimationFrame(poll); }
  };
  poll();
})
"""


def scroll_latencies(url: str, rounds: int) -> list[float]:
    """Scroll mode: time from a passage reaching the reading line to the map showing it."""
    latencies = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        page.wait_for_selector(STATUS, timeout=30_000)
        _settle(page)
        ids = page.evaluate("() => Array.from(document.querySelectorAll('.passage')).map(p => p.dataset.section)")
        for _ in range(rounds):
            for section_id in [*ids[1:], ids[0]]:
                latencies.append(float(page.evaluate(_SCROLL_TO_MAP, section_id)))
                _settle(page)
        browser.close()
    return latencies


def _settle(page: Page) -> None:
    """Wait until Streamlit shows no rerun under way, then a little longer for late messages."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    page.wait_for_timeout(250)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.steps")
    parser.add_argument("--rounds", type=int, default=3, help="times to walk the whole story (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        times_file = Path(tmp) / "runs.txt"
        with serve(runner="bench.timed_streamlit", env={"STORYMAP_RUN_TIMES": str(times_file)}) as running:
            url = running.url
            traffic, latencies = walk(url, args.rounds, times_file)
            scrolls = scroll_latencies(url, args.rounds)
    print(summary("(a) server time per step (script rerun)", traffic.server_ms, "ms"))
    print(summary("(b) bytes from the server per step, all", traffic.kilobytes, "KB"))
    print(summary("(b) bytes from the server per step, map", traffic.map_kilobytes, "KB"))
    print(summary("(c) key press -> status names the new section", latencies, "ms"))
    print(summary("(d) scroll -> map shows the passage (incl. 140 ms settle)", scrolls, "ms"))


if __name__ == "__main__":
    main()
