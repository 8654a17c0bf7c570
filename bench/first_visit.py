"""A reader's first visit, the live app beside the static edition, on loopback and on slow 4G.

`python -m bench.first_visit [--runs N]` starts the app (`streamlit run`, as `make run`) and
builds the static edition into a temporary folder, served by a small static server that gzips
what a CDN would gzip. For each, a fresh headless Chromium opens a deep link to the story's fifth
section, and the bench prints the median over N runs of:

- requests made before the map first shows a section (the map's own container names it);
- bytes for those requests as served (Streamlit sends its own files uncompressed; our static
  server gzips), and as a CDN would send them: each response gzipped (level 6) when its type is
  text, JSON, JavaScript, CSS or SVG, as is otherwise;
- time to that first map on loopback, and with Chromium's network emulation of slow 4G
  (1.6 Mbps down, 750 kbps up, 150 ms round trip).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Response, sync_playwright

from storymap.model.project import load_geodata, load_project, load_resolved
from storymap.publish.site import build_site
from storymap.ui.devserver import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/geo+json")
AIM_KB, AIM_SECONDS = 400, 3.0
# Slow 4G as the issue that set the aims defines it (Chrome DevTools' own preset adds more latency).
SLOW_4G: dict[str, object] = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
MAP_SHOWN = (
    "() => [...document.querySelectorAll('iframe')].some(f => { try {"
    " return !!f.contentDocument.querySelector('.leaflet-container[data-section]'); } catch (e) { return false; } })"
)


@dataclass(frozen=True)
class Visit:
    """One first visit: requests and CDN bytes before the first map, and the time to it."""

    requests: int
    served_kilobytes: float
    kilobytes: float
    seconds: float


def cdn_bytes(response: Response) -> int:
    """The response body's size as a CDN would send it."""
    try:
        body = response.body()
    except Exception:  # a redirect or a websocket upgrade carries no body
        return 0
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, 6)) if kind.startswith(COMPRESSIBLE) else len(body)


def visit(browser: Browser, url: str, network: dict[str, object] | None) -> Visit:
    """Open `url` in a fresh context and wait until the map shows a section."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(MAP_SHOWN, timeout=120_000, polling=50)
    seconds = time.perf_counter() - start
    seen = list(responses)
    served = sum(r.request.sizes()["responseBodySize"] for r in seen)
    result = Visit(len(seen), served / 1000, sum(cdn_bytes(r) for r in seen) / 1000, seconds)
    context.close()
    return result


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzipping compressible files for clients that accept it, as a CDN does."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".geojson": "application/geo+json",
        ".js": "application/javascript",
    }

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not kind.startswith(COMPRESSIBLE)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def static_edition() -> Iterator[str]:
    """Build the static edition and serve it on a free loopback port."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_site(out, load_project(ROOT / "story", load_geodata(ROOT / "geodata")))

        def handler(*args: object) -> _GzipHandler:
            return _GzipHandler(*args, directory=str(out))  # type: ignore[arg-type]

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_visit")
    parser.add_argument("--runs", type=int, default=3, help="visits per edition and network (default 3)")
    args = parser.parse_args()
    section = load_resolved(ROOT / "story", ROOT / "geodata").sections[4].id
    rows: dict[str, dict[str, list[Visit]]] = {}
    with serve() as live, static_edition() as static, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, base in (("live app", live.url), ("static edition", static)):
            visit(browser, f"{base}/?section={section}", None)  # warm the server, as a CDN would be
            rows[name] = {
                network: [visit(browser, f"{base}/?section={section}", emulation) for _ in range(args.runs)]
                for network, emulation in (("loopback", None), ("slow 4G", SLOW_4G))
            }
        browser.close()
    print(f"first visit to /?section={section}, median of {args.runs} runs")
    print("| | requests before the map | KB as served | KB as a CDN sends (gzip) | first map | on slow 4G |")
    print("|---|---|---|---|---|---|")
    medians = {
        name: [
            statistics.median(v.requests for v in runs["loopback"]),
            statistics.median(v.served_kilobytes for v in runs["loopback"]),
            statistics.median(v.kilobytes for v in runs["loopback"]),
            statistics.median(v.seconds for v in runs["loopback"]),
            statistics.median(v.seconds for v in runs["slow 4G"]),
        ]
        for name, runs in rows.items()
    }
    for name, (requests, served, kilobytes, fast, slow) in medians.items():
        print(f"| {name} | {requests:.0f} | {served:,.0f} | {kilobytes:,.0f} | {fast:.2f} s | {slow:.2f} s |")
    ratio = [a / b for a, b in zip(medians["live app"], medians["static edition"], strict=True)]
    print("| live app ÷ static edition | " + " | ".join(f"{r:.1f}×" for r in ratio) + " |")
    _, _, kilobytes, _, slow = medians["static edition"]
    print(
        f"aims for the static edition: under {AIM_KB} KB: {'met' if kilobytes < AIM_KB else 'MISSED'}; "
        f"first map under {AIM_SECONDS} s on slow 4G: {'met' if slow < AIM_SECONDS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
