"""What a step costs, over the whole story: the reader's wait, the server's time, the bytes.

`python -m bench.steps [--rounds N]` starts the app on a free port and drives headless Chromium
through every section N times: with the → key in one-passage mode, with the → key in scroll
mode, and by scrolling each passage to the reading line in one jump (as a reader's flick ends).
For each measure it prints the median and the 95th percentile over all steps:

(a) server time per step: the script (fragment) runs the step causes, timed inside the server;
(b) bytes the server sends per step: all websocket messages, and the map's share (messages
    that carry the streamlit-folium component);
(c) action -> map drawn: from the key press (its event time) or the scroll to the first
    animation frame after the map's own container names the new section (`data-section` in the
    map's frame), timed in the page inside that frame's callback: the frame that draws it;
(d) server reruns per settled scroll: script runs between a scroll and the page at rest.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from support.devserver import CHROMIUM, CHROMIUM_ARGS, serve

STATUS = '.map-status[role="status"]'
MAP = 'iframe[src*="streamlit_folium"]'
QUIET_MS = 900  # longer than the page's settle time plus a rerun: the page is at rest
# In-page: from each key press (its event time) to the frame after the map names another section.
_KEY_PROBE = """
mapFrame => {
  window.__latencies = [];
  let pressed = null;
  window.addEventListener('keydown', (e) => { pressed = e.timeStamp; }, true);
  const map = document.querySelector(mapFrame).contentDocument.querySelector('.leaflet-container');
  new MutationObserver(() => {
    if (pressed === null) { return; }
    const start = pressed;
    pressed = null;
    requestAnimationFrame(() => window.__latencies.push(performance.now() - start));
  }).observe(map, {attributes: true, attributeFilter: ['data-section']});
}
"""
# In-page: jump a passage to the reading line, then time until the frame after the map names it.
_SCROLL_TO_MAP = """
([id, mapFrame]) => new Promise((resolve) => {
  const el = document.getElementById('passage-' + id);
  let scroller = el.parentElement;
  while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
                      && scroller.scrollHeight > scroller.clientHeight)) { scroller = scroller.parentElement; }
  const map = document.querySelector(mapFrame).contentDocument.querySelector('.leaflet-container');
  const start = performance.now();
  (scroller || document.scrollingElement).scrollBy(0, el.getBoundingClientRect().top - innerHeight / 3);
  const poll = () => {
    if (map.dataset.section === id) { requestAnimationFrame(() => resolve(performance.now() - start)); }
    else { requestAnimationFrame(poll); }
  };
  poll();
})
"""


@dataclass
class Traffic:
    """Websocket traffic from the server and the server's script runs, step by step."""

    runs_file: Path
    received_bytes: int = 0
    map_bytes: int = 0
    runs_seen: int = 0
    server_ms: list[float] = field(default_factory=list)
    runs_per_step: list[float] = field(default_factory=list)
    kilobytes: list[float] = field(default_factory=list)
    map_kilobytes: list[float] = field(default_factory=list)

    def reset(self) -> None:
        self.received_bytes = self.map_bytes = 0
        self.runs_seen = len(self._runs())

    def _runs(self) -> list[float]:
        return [float(line) for line in self.runs_file.read_text().split()] if self.runs_file.exists() else []

    def on_received(self, payload: str | bytes) -> None:
        raw = payload.encode() if isinstance(payload, str) else payload
        self.received_bytes += len(raw)
        if b"streamlit_folium" in raw:
            self.map_bytes += len(raw)

    def close_step(self) -> None:
        runs = self._runs()[self.runs_seen :]
        self.server_ms.extend(runs)
        self.runs_per_step.append(len(runs))
        self.kilobytes.append(self.received_bytes / 1000)
        self.map_kilobytes.append(self.map_bytes / 1000)


def summary(name: str, values: list[float], unit: str) -> str:
    """One line: median and p95."""
    if not values:
        return f"{name}: no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{name}: median {statistics.median(ordered):.1f} {unit}, p95 {p95:.1f} {unit} (n={len(ordered)})"


def _open(browser: Browser, url: str, traffic: Traffic) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 900})

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", traffic.on_received)

    page.on("websocket", on_socket)
    page.goto(url)
    page.wait_for_selector(STATUS, timeout=30_000)
    page.frame_locator(MAP).locator(".leaflet-container[data-section]").wait_for(timeout=30_000)
    _rest(page)
    return page


def key_walk(browser: Browser, url: str, rounds: int, traffic: Traffic) -> list[float]:
    """Press → through the whole story `rounds` times; the map's latency for each press."""
    page = _open(browser, url, traffic)
    page.evaluate(_KEY_PROBE, MAP)
    sections = int(page.locator(".progress").inner_text().split(" of ")[1])
    for _ in range(rounds):
        page.keyboard.press("Home")
        _rest(page)
        for _ in range(sections - 1):
            traffic.reset()
            before = _map_section(page)
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([sel, b]) => document.querySelector(sel).contentDocument"
                ".querySelector('.leaflet-container').dataset.section !== b",
                arg=[MAP, before],
                timeout=30_000,
            )
            _rest(page)
            traffic.close_step()
    latencies = [float(v) for v in page.evaluate("() => window.__latencies")]
    page.close()
    return latencies


def scroll_walk(browser: Browser, url: str, rounds: int, traffic: Traffic) -> list[float]:
    """Scroll mode: each passage jumped to the reading line; the map's latency for each."""
    page = _open(browser, url, traffic)
    ids = page.evaluate("() => Array.from(document.querySelectorAll('.passage')).map(p => p.dataset.section)")
    latencies = []
    for _ in range(rounds):
        for section_id in [*ids[1:], ids[0]]:
            traffic.reset()
            latencies.append(float(page.evaluate(_SCROLL_TO_MAP, [section_id, MAP])))
            _rest(page)
            traffic.close_step()
    page.close()
    return latencies


def _map_section(page: Page) -> str:
    return str(page.frame_locator(MAP).locator(".leaflet-container").get_attribute("data-section"))


def _rest(page: Page) -> None:
    """Wait past the page's settle time, then until Streamlit shows no rerun under way."""
    page.wait_for_timeout(QUIET_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    page.wait_for_timeout(150)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.steps")
    parser.add_argument("--rounds", type=int, default=3, help="times to walk the whole story (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        times_file = Path(tmp) / "runs.txt"
        with (
            serve(runner="bench.timed_streamlit", env={"STORYMAP_RUN_TIMES": str(times_file)}) as running,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            step_mode, scroll_keys, scrolls = Traffic(times_file), Traffic(times_file), Traffic(times_file)
            step_keys_ms = key_walk(browser, f"{running.url}/?mode=step", args.rounds, step_mode)
            scroll_keys_ms = key_walk(browser, f"{running.url}/", args.rounds, scroll_keys)
            scroll_ms = scroll_walk(browser, f"{running.url}/", args.rounds, scrolls)
            browser.close()
    print(summary("(a) server time per step, one-passage mode (script runs)", step_mode.server_ms, "ms"))
    print(summary("(a) server time per step, scroll mode (script runs)", scrolls.server_ms, "ms"))
    print(summary("(b) bytes from the server per step, all", step_mode.kilobytes + scrolls.kilobytes, "KB"))
    print(summary("(b) bytes from the server per step, map", step_mode.map_kilobytes + scrolls.map_kilobytes, "KB"))
    print(summary("(c) → key -> map drawn, one-passage mode", step_keys_ms, "ms"))
    print(summary("(c) → key -> map drawn, scroll mode", scroll_keys_ms, "ms"))
    print(summary("(c) scroll -> map drawn", scroll_ms, "ms"))
    reruns = scrolls.runs_per_step
    print(f"(d) server reruns per settled scroll: mean {statistics.mean(reruns):.2f}, max {max(reruns):.0f}")


if __name__ == "__main__":
    main()
