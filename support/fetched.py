"""What a page fetched before its map first showed a section: shared by the first-visit bench and
the size budget's test.

The map (map/highlights.js) marks the moment (`performance.mark("storymap:first-map")`) in its own
frame; a request counts if it started before it. Bytes are counted as a CDN sends them: gzipped (level 6)
when the type is text, JSON, JavaScript, CSS or SVG, as they are otherwise.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass

from playwright.sync_api import Frame, Page, Request

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/geo+json")
# The map's mark, or (a map from before the mark existed) the moment a section is seen on it.
FIRST_MAP = (
    "() => { const m = performance.getEntriesByName('storymap:first-map')[0];"
    " if (m) { return performance.timeOrigin + m.startTime; }"
    " return document.querySelector('.leaflet-container[data-section]') ? Date.now() : null; }"
)
POLL_MS = 50


@dataclass(frozen=True)
class Fetched:
    """One request made before the first map: its URL, bytes as served and as a CDN sends them."""

    url: str
    served: int
    cdn: int


def recorder(page: Page) -> list[Request]:
    """Every request the page makes from now on (attach before navigating)."""
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    return requests


def first_map_at(page: Page, timeout_s: float = 120) -> float:
    """When the map first showed a section (ms since the epoch), from whichever frame holds it."""
    for _ in range(int(timeout_s * 1000 / POLL_MS)):
        for frame in _frames(page):
            try:
                at = frame.evaluate(FIRST_MAP)
            except Exception:  # a frame navigating or gone
                continue
            if at:
                return float(at)
        page.wait_for_timeout(POLL_MS)
    raise TimeoutError("the map never showed a section")


def before(requests: list[Request], moment: float) -> list[Fetched]:
    """The requests started before `moment`, with their bytes (waiting for their responses)."""
    return [_sizes(r) for r in requests if r.timing["startTime"] <= moment]


def _sizes(request: Request) -> Fetched:
    response = request.response()
    if response is None:
        return Fetched(request.url, 0, 0)
    served = request.sizes()["responseBodySize"]
    try:
        body = response.body()
    except Exception:  # a redirect or a websocket upgrade carries no body
        return Fetched(request.url, served, 0)
    kind = response.headers.get("content-type", "")
    return Fetched(request.url, served, len(gzip.compress(body, 6)) if kind.startswith(COMPRESSIBLE) else len(body))


def _frames(page: Page) -> Iterator[Frame]:
    yield page.main_frame
    yield from (f for f in page.frames if f is not page.main_frame)
