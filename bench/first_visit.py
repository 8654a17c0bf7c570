"""A reader's first visit, the live app beside the static edition, through the production set.

`python -m bench.first_visit [--runs N]` starts the production set (deploy/stack.py: nginx in front
of two app replicas, the static edition under /read/) on free loopback ports. For each edition, a
fresh headless Chromium opens a deep link to the story's fifth section, and the bench prints the
median over N runs of:

- requests made before the map first shows a section (the map marks that moment,
  `storymap:first-map`, and a request counts if it started before it);
- bytes for those requests as nginx served them to Chromium, and as a CDN would send them: each
  response gzipped (level 6) when its type is text, JSON, JavaScript, CSS or SVG, as is otherwise;
- time from the navigation's start to that first map on loopback, and with Chromium's network
  emulation of slow 4G (1.6 Mbps down, 750 kbps up, 150 ms round trip).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from storymap.model.project import load_resolved
from support.devserver import CHROMIUM, CHROMIUM_ARGS
from support.fetched import before, first_map_at, recorder

ROOT = Path(__file__).resolve().parent.parent
STACK = [sys.executable, str(ROOT / "deploy" / "stack.py")]
AIM_KB, AIM_SECONDS = 120, 1.5
# Slow 4G as the issue that set the aims defines it (Chrome DevTools' own preset adds more latency).
SLOW_4G: dict[str, object] = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


@dataclass(frozen=True)
class Visit:
    """One first visit: requests and bytes before the first map, and the time to it."""

    requests: int
    served_kilobytes: float
    kilobytes: float
    seconds: float


def visit(browser: Browser, url: str, network: dict[str, object] | None) -> Visit:
    """Open `url` in a fresh context and wait until the map shows a section."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    requests = recorder(page)
    page.goto(url, wait_until="commit")
    shown = first_map_at(page)
    start = float(page.evaluate("performance.timeOrigin"))
    fetched = before(requests, shown)
    context.close()
    return Visit(
        len(fetched), sum(f.served for f in fetched) / 1000, sum(f.cdn for f in fetched) / 1000, (shown - start) / 1000
    )


@contextmanager
def production_set() -> Iterator[str]:
    """The production set on free loopback ports; yields its address."""
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp)
        subprocess.run([*STACK, "start", "--port", "0", "--run-dir", str(run_dir)], cwd=ROOT, check=True)
        try:
            yield f"http://127.0.0.1:{json.loads((run_dir / 'stack.json').read_text())['port']}"
        finally:
            subprocess.run([*STACK, "stop", "--run-dir", str(run_dir)], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_visit")
    parser.add_argument("--runs", type=int, default=3, help="visits per edition and network (default 3)")
    args = parser.parse_args()
    section = load_resolved(ROOT / "story", ROOT / "geodata").sections[4].id
    rows: dict[str, dict[str, list[Visit]]] = {}
    with production_set() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in (("live app", "/"), ("static edition", "/read/")):
            url = f"{base}{path}?section={section}"
            visit(browser, url, None)  # warm the proxy's cache, as a CDN would be
            rows[name] = {
                network: [visit(browser, url, emulation) for _ in range(args.runs)]
                for network, emulation in (("loopback", None), ("slow 4G", SLOW_4G))
            }
        browser.close()
    print(f"first visit to ?section={section} through nginx, median of {args.runs} runs")
    print("| | requests before the map | KB as nginx served | KB as a CDN sends (gzip) | first map | on slow 4G |")
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
