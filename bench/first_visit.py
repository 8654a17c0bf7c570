"""A reader's first and return visits over HTTPS, through the production recipe: the live app, the
static edition, and a bare Streamlit page served the same way (the floor).

`python -m bench.first_visit [--runs N]` makes a self-signed certificate, starts the production set
(deploy/stack.py: nginx with TLS, HTTP/2 and brotli in front of one app replica, the static edition
under /read/) and a second set serving bench/bare_page.py, on free loopback ports. A fresh headless
Chromium, as a 390×844 phone, opens a deep link to the story's fifth section (the bare page: its
root), and the bench prints the median over N runs of:

- the first view: when the map first shows the section (`storymap:first-map`, which the map marks)
  or, for the bare page, when its sentence is drawn; on loopback and on slow 4G;
- the bytes on the wire (Chromium's count of each response, headers included) and responses of the
  requests started before the first view, and of the whole visit (until the network is quiet),
  which adds the websocket's bytes as nginx sent them (compressed; from its access log);
- the return visit: the same browser opening the same link again, its HTTP cache kept.

Slow 4G is the issue's: 1.6 Mbps down, 750 kbps up, 150 ms round trip (Chromium's emulation).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, ViewportSize, sync_playwright

from storymap.model.project import load_resolved
from support.devserver import CHROMIUM, CHROMIUM_ARGS
from support.fetched import POLL_MS, first_map_at
from support.tls import self_signed, spki_hash

ROOT = Path(__file__).resolve().parent.parent
STACK = [sys.executable, str(ROOT / "deploy" / "stack.py")]
PHONE: ViewportSize = {"width": 390, "height": 844}
# Slow 4G as the issue that set the aims defines it (Chrome DevTools' own preset adds more latency).
SLOW_4G: dict[str, object] = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
# The aims for the live app (KB on the wire, seconds), and its floor's.
AIMS = {"first visit KB": 900, "return visit KB": 60, "first map on slow 4G s": 5.0, "× the bare page": 1.2}
BARE_DRAWN = "() => document.querySelector('[data-testid=stMarkdownContainer] p') ? Date.now() : null"


@dataclass
class Wire:
    """What the page's network carried, from Chromium's own events: each request's start (ms since
    the epoch), and each finished response's bytes on the wire."""

    started: dict[str, float] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    protocols: set[str] = field(default_factory=set)

    def listen(self, session: CDPSession) -> None:
        session.on("Network.requestWillBeSent", self._started)
        session.on("Network.responseReceived", lambda e: self.protocols.add(str(e["response"].get("protocol"))))
        session.on("Network.loadingFinished", lambda e: self.received.update({e["requestId"]: e["encodedDataLength"]}))

    def _started(self, event: dict[str, object]) -> None:
        self.started.setdefault(str(event["requestId"]), float(event["wallTime"]) * 1000)  # type: ignore[arg-type]

    def before(self, moment: float) -> list[int]:
        """Bytes of each response whose request started before `moment`."""
        return [self.received.get(r, 0) for r, at in self.started.items() if at <= moment]


@dataclass(frozen=True)
class Visit:
    """One visit: the first view's time, and what came before it and in the whole visit."""

    seconds: float
    responses: int
    kilobytes: float
    visit_kilobytes: float


@dataclass(frozen=True)
class ProductionSet:
    """A running set: its address, and nginx's access log, where each websocket's bytes are
    written when it closes."""

    url: str
    access_log: Path

    def streams(self) -> list[int]:
        """Bytes nginx sent on each websocket closed so far."""
        lines = self.access_log.read_text().splitlines() if self.access_log.exists() else []
        return [int(m.group(1)) for line in lines if (m := re.search(r"/_stcore/stream \S+\" 101 (\d+)", line))]

    def next_stream(self, seen: int, timeout_s: float = 20) -> int:
        """The bytes of the websocket after the `seen` first ones, once nginx has logged it."""
        deadline = time.monotonic() + timeout_s
        while len(streams := self.streams()) <= seen:
            if time.monotonic() > deadline:
                raise TimeoutError("nginx logged no websocket for the visit")
            time.sleep(0.05)
        return streams[seen]


@dataclass(frozen=True)
class Edition:
    """What is measured: a path of a set, how its first view is told (the map's mark if None), and
    whether it keeps a websocket (Streamlit's pages do)."""

    stack: ProductionSet
    path: str
    drawn: str | None = None
    websocket: bool = True


def visit(context: BrowserContext, edition: Edition, network: dict[str, object] | None) -> Visit:
    """Open the edition in a new page of `context`; wait for the first view, then for a quiet network."""
    stack, drawn = edition.stack, edition.drawn
    streams = len(stack.streams())
    page = context.new_page()
    session = context.new_cdp_session(page)
    wire = Wire()
    wire.listen(session)
    session.send("Network.enable")
    if network:
        session.send("Network.emulateNetworkConditions", network)
    page.goto(f"{stack.url}{edition.path}", wait_until="commit")
    shown = first_map_at(page) if drawn is None else _drawn_at(page, drawn)
    start = float(page.evaluate("performance.timeOrigin"))
    page.wait_for_load_state("networkidle")
    early = wire.before(shown)
    everything = list(wire.received.values())
    page.close()
    websocket = stack.next_stream(streams) if edition.websocket else 0
    return Visit((shown - start) / 1000, len(early), sum(early) / 1000, (sum(everything) + websocket) / 1000)


def _drawn_at(page: Page, script: str, timeout_s: float = 120) -> float:
    for _ in range(int(timeout_s * 1000 / POLL_MS)):
        at = page.evaluate(script)
        if at:
            return float(at)
        page.wait_for_timeout(POLL_MS)
    raise TimeoutError("the page never drew its sentence")


@contextmanager
def production_set(tls: tuple[Path, Path], app: str = "app.py") -> Iterator[ProductionSet]:
    """The production set over HTTPS, one replica, on free loopback ports."""
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp)
        options = ["--port", "0", "--replicas", "1", "--run-dir", str(run_dir), "--app", app]
        options += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
        subprocess.run([*STACK, "start", *options], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        try:
            port = json.loads((run_dir / "stack.json").read_text())["port"]
            yield ProductionSet(f"https://127.0.0.1:{port}", run_dir / "access.log")
        finally:
            subprocess.run([*STACK, "stop", "--run-dir", str(run_dir)], cwd=ROOT, check=True)


def measure(browser: Browser, edition: Edition, runs: int) -> dict[str, list[Visit]]:
    """First and return visits to the edition, on loopback and slow 4G, `runs` times each."""
    rows: dict[str, list[Visit]] = {}
    for name, network in (("loopback", None), ("slow 4G", SLOW_4G)):
        for _ in range(runs):
            context = browser.new_context(viewport=PHONE)
            rows.setdefault(f"first, {name}", []).append(visit(context, edition, network))
            rows.setdefault(f"return, {name}", []).append(visit(context, edition, network))
            context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_visit")
    parser.add_argument("--runs", type=int, default=3, help="visits per edition, network and visit (default 3)")
    args = parser.parse_args()
    section = load_resolved(ROOT / "story", ROOT / "geodata").sections[4].id
    results: dict[str, dict[str, list[Visit]]] = {}
    with tempfile.TemporaryDirectory() as keys, sync_playwright() as playwright:
        tls = self_signed(Path(keys))
        # Trusted, not merely ignored: Chromium caches nothing from a server whose certificate it doubts.
        trust = f"--ignore-certificate-errors-spki-list={spki_hash(tls[0])}"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, trust])
        with production_set(tls) as stack:
            for name, edition in {
                "live app": Edition(stack, f"/?section={section}"),
                "static edition": Edition(stack, f"/read/?section={section}", websocket=False),
            }.items():
                measure(browser, edition, 1)  # warm the proxy's cache, as a CDN would be
                results[name] = measure(browser, edition, args.runs)
        with production_set(tls, "bench/bare_page.py") as stack:
            bare = Edition(stack, "/", BARE_DRAWN)
            measure(browser, bare, 1)
            results["bare Streamlit page"] = measure(browser, bare, args.runs)
        browser.close()
    report(results, section, args.runs)


def report(results: dict[str, dict[str, list[Visit]]], section: str, runs: int) -> None:
    """The table, its ratio to the floor, and the aims."""
    print(f"HTTPS (HTTP/2, brotli) through deploy/stack.py, 390×844, ?section={section}; median of {runs} runs")
    print("| | first view | on slow 4G | KB before it (responses) | KB in all | return: KB | on slow 4G |")
    print("|---|---|---|---|---|---|---|")
    figures: dict[str, dict[str, float]] = {}
    for name, rows in results.items():

        def median(row: str, what: str, rows: dict[str, list[Visit]] = rows) -> float:
            return float(statistics.median(getattr(v, what) for v in rows[row]))

        figures[name] = {
            "visit": median("first, slow 4G", "visit_kilobytes"),
            "before": median("first, slow 4G", "kilobytes"),
            "responses": median("first, slow 4G", "responses"),
            "fast": median("first, loopback", "seconds"),
            "slow": median("first, slow 4G", "seconds"),
            "return": median("return, slow 4G", "visit_kilobytes"),
            "return slow": median("return, slow 4G", "seconds"),
        }
        f = figures[name]
        print(
            f"| {name} | {f['fast']:.2f} s | {f['slow']:.2f} s | {f['before']:,.0f} ({f['responses']:.0f}) "
            f"| {f['visit']:,.0f} | {f['return']:,.1f} | {f['return slow']:.2f} s |"
        )
    app, floor = figures["live app"], figures["bare Streamlit page"]
    ratios = {
        "KB before the first view": app["before"] / floor["before"],
        "first view on slow 4G": app["slow"] / floor["slow"],
    }
    print("live app ÷ bare page: " + ", ".join(f"{name} {ratio:.2f}×" for name, ratio in ratios.items()))
    checks = {
        "first visit KB": app["before"] <= AIMS["first visit KB"],
        "return visit KB": app["return"] <= AIMS["return visit KB"],
        "first map on slow 4G s": app["slow"] <= AIMS["first map on slow 4G s"],
        "× the bare page": max(ratios.values()) <= AIMS["× the bare page"],
    }
    print("aims: " + "; ".join(f"{name} ≤ {AIMS[name]}: {'met' if ok else 'MISSED'}" for name, ok in checks.items()))


if __name__ == "__main__":
    main()
