"""The reader in Firefox and WebKit: one plan of reading steps, walked by either engine's driver.

Chromium is driven by Playwright everywhere else; Playwright's own Firefox and WebKit builds cannot
be downloaded here, so Debian's are used: firefox-esr through puppeteer-core over WebDriver BiDi
(a Node script, `firefox/walk.mjs`) and WebKitGTK's MiniBrowser through WebKitWebDriver and
Selenium, on a virtual X screen. Both walk the same `Visit`s with the same page-side functions
below and return the same observations; the tests (test_engines.py) judge them.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from support.devserver import SCREENSHOTS
from tests.e2e.reader import SCROLL_TO, TIMEOUT_MS

HERE = Path(__file__).resolve().parent
WALK = HERE / "firefox" / "walk.mjs"
PUPPETEER = HERE / "firefox" / "node_modules" / "puppeteer-core"
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
NEXT = ".st-key-step-next button"
PREVIOUS = ".st-key-step-prev button"
KEYS = {"ArrowRight": Keys.ARROW_RIGHT, "ArrowLeft": Keys.ARROW_LEFT}  # puppeteer's names, for Selenium
POLL_S = 0.05
SETTLE_POLLS = 50  # at most 5 s for a glide to come to rest
STILL_POLLS = 2  # known when the passage is where it was twice in a row, 100 ms apart
# Firefox's own switch for the reader's reduced-motion wish (prefers-reduced-motion: reduce).
FIREFOX_REDUCED_MOTION = {"ui.prefersReducedMotion": 1}
# WebKitGTK answers prefers-reduced-motion from GTK's animation setting.
GTK_NO_ANIMATIONS = "[Settings]\ngtk-enable-animations=0\n"


@dataclass(frozen=True)
class Step:
    """What the reader does (`open` a path, `scroll` to a section, press a `key`, `click` a button)
    and the section the reader should be reading afterwards."""

    do: str
    arg: str
    expect: str


@dataclass(frozen=True)
class Visit:
    """One document at one window size: opened by its first step, then read step by step."""

    name: str
    url: str
    width: int
    height: int
    steps: tuple[Step, ...]


# Page-side functions, called with one JSON argument in the story's page. The map is in a frame on
# the same origin, so the page reads it directly.
_MAP = """
const mapFrame = () => document.querySelector('.st-key-map-panel iframe');
const mapContainer = () => {
  const frame = mapFrame();
  const doc = frame && frame.contentDocument;
  return doc && doc.querySelector('.leaflet-container');
};
"""
READY = (
    "() => {" + _MAP + "const map = mapContainer();"
    " return Boolean(map && map.dataset.section && mapFrame().contentWindow.L"
    " && document.querySelector('.map-status[data-section]')); }"
)
# Records, from now on: each section the map's container names, each scroll the page asks for with
# a behaviour, each move of the map (a flight, or a jump without animation), uncaught errors.
INSTALL = (
    "() => {"
    + _MAP
    + """
  const frame = mapFrame(), win = frame.contentWindow, map = mapContainer();
  const probe = window.__engineProbe = {sections: [map.dataset.section], scrolls: [], moves: [], errors: []};
  for (const w of [window, win]) {
    w.addEventListener('error', (e) => probe.errors.push(String(e.message)));
    w.addEventListener('unhandledrejection', (e) => probe.errors.push('unhandled rejection: ' + e.reason));
  }
  for (const name of ['scrollTo', 'scrollBy']) {
    const original = Element.prototype[name];
    Element.prototype[name] = function (options) {
      if (options && typeof options === 'object') { probe.scrolls.push(options.behavior || 'auto'); }
      return original.apply(this, arguments);
    };
  }
  const flyTo = win.L.Map.prototype.flyTo, fitBounds = win.L.Map.prototype.fitBounds;
  win.L.Map.prototype.flyTo = function () { probe.moves.push('flight'); return flyTo.apply(this, arguments); };
  win.L.Map.prototype.fitBounds = function (bounds, options) {
    probe.moves.push(options && options.animate === false ? 'jump' : 'fit');
    return fitBounds.apply(this, arguments);
  };
  new win.MutationObserver(() => {
    if (map.dataset.section !== probe.sections[probe.sections.length - 1]) { probe.sections.push(map.dataset.section); }
  }).observe(map, {attributes: true, attributeFilter: ['data-section']});
}"""
)
REACHED = (
    "id => {" + _MAP + "const map = mapContainer();"
    " return Boolean(map && map.dataset.section === id"
    " && new URLSearchParams(location.search).get('section') === id); }"
)
PASSAGE_TOP = "id => document.getElementById('passage-' + id)?.getBoundingClientRect().top ?? null"
# What the reader sees now, and what was recorded since the last look (then forgotten).
OBSERVE = (
    "id => {"
    + _MAP
    + """
  const probe = window.__engineProbe || {sections: [], scrolls: [], moves: []};
  const passage = document.getElementById('passage-' + id);
  const box = passage ? passage.getBoundingClientRect() : null;
  // Where the map is pinned on top (phones), the text only has the screen below it.
  const panel = document.querySelector('.st-key-map-panel');
  const column = panel && (panel.closest('[data-testid="stColumn"]') || panel).getBoundingClientRect();
  const textTop = column && column.top <= 8 && column.width >= innerWidth * 0.8 ? column.bottom : 0;
  return {
    map: mapContainer()?.dataset.section ?? null,
    status: document.querySelector('.map-status')?.dataset.section ?? null,
    url: new URLSearchParams(location.search).get('section'),
    active: document.querySelector('.passage.is-active')?.dataset.section ?? null,
    passage: box && {top: box.top, bottom: box.bottom},
    text: {top: textTop, bottom: innerHeight},
    size: [innerWidth, innerHeight],
    reduced: matchMedia('(prefers-reduced-motion: reduce)').matches,
    sections: probe.sections.splice(0),
    scrolls: probe.scrolls.splice(0),
    moves: probe.moves.splice(0),
  };
}"""
)
# Every address the document and its map frame fetched (resource timing) and the errors recorded.
REPORT = (
    "() => {"
    + _MAP
    + """
  const urls = (w) => [w.location.href, ...w.performance.getEntriesByType('resource').map((e) => e.name)];
  const frame = mapFrame();
  return {resources: [...urls(window), ...(frame ? urls(frame.contentWindow) : [])],
          errors: (window.__engineProbe || {errors: ['the probe was never installed']}).errors};
}"""
)
# Where a button is, once on screen: a reader scrolls to a button below the fold first.
BOX = """
s => {
  const el = document.querySelector(s);
  const b = el && el.getBoundingClientRect();
  if (!b || !b.width) { return null; }
  if (b.top < 0 || b.bottom > innerHeight) { el.scrollIntoView({block: 'center'}); return null; }
  return {x: b.x, y: b.y, width: b.width, height: b.height};
}
"""
SCRIPTS = {
    "ready": READY,
    "install": INSTALL,
    "scroll": SCROLL_TO,
    "reached": REACHED,
    "passage_top": PASSAGE_TOP,
    "observe": OBSERVE,
    "report": REPORT,
    "box": BOX,
}


def run_firefox(visits: Sequence[Visit], prefs: dict[str, Any] | None = None) -> dict[str, Any]:
    """Walk the visits in one Firefox session; what the page showed, per visit and step."""
    plan = {
        "executable": FIREFOX,
        "prefs": prefs or {},
        "visits": [asdict(v) for v in visits],
        "js": SCRIPTS,
        "timeout_ms": TIMEOUT_MS,
        "settle_polls": SETTLE_POLLS,
        "still_polls": STILL_POLLS,
        "screenshots": str(SCREENSHOTS),
    }
    done = subprocess.run(
        ["node", str(WALK)], input=json.dumps(plan), capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"the Firefox walk failed ({done.returncode}): {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout))


@contextmanager
def virtual_screen() -> Iterator[str]:
    """A virtual X screen (Xvfb) on a display number nobody uses; yields its DISPLAY value."""
    read, write = os.pipe()
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"]
    process = subprocess.Popen(command, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as told:
            display = told.readline().strip()
        if not display:
            raise AssertionError("Xvfb did not start")
        yield f":{display}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_webkit(visits: Sequence[Visit], reduced_motion: bool = False) -> dict[str, Any]:
    """Walk the visits in one WebKitGTK session (MiniBrowser); the same observations as Firefox's."""
    with virtual_screen() as display, tempfile.TemporaryDirectory() as config:
        env = {**os.environ, "DISPLAY": display}
        if reduced_motion:
            (Path(config) / "gtk-3.0").mkdir()
            (Path(config) / "gtk-3.0" / "settings.ini").write_text(GTK_NO_ANIMATIONS)
            env["XDG_CONFIG_HOME"] = config
        options = Options()
        options.binary_location = MINIBROWSER
        # Full screen hides MiniBrowser's toolbar, so the window's size is the page's viewport.
        options.add_argument("--automation")
        options.add_argument("--full-screen")
        service = Service(executable_path=WEBKIT_DRIVER, env=env, log_output=subprocess.DEVNULL)
        with warnings.catch_warnings():  # Selenium's own WebKitGTK class uses its deprecated argument
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            visits_seen = [_WebKitWalk(driver).visit(v) for v in visits]
            version = f"WebKitGTK {driver.capabilities.get('browserVersion')}"
            return {"browser": version, "visits": visits_seen, "requests": [], "page_errors": []}
        finally:
            driver.quit()


class _WebKitWalk:
    """walk.mjs's steps, through Selenium: the same page-side functions, the same waits."""

    def __init__(self, driver: webdriver.WebKitGTK):
        self.driver = driver

    def call(self, name: str, arg: object = None) -> Any:
        return self.driver.execute_script(f"return ({SCRIPTS[name]})(arguments[0])", arg)

    def until(self, name: str, arg: object, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.call(name, arg):
                    return True
            except WebDriverException:
                pass  # a page between documents answers nothing for a moment
            time.sleep(POLL_S)
        return False

    def visit(self, visit: Visit) -> dict[str, Any]:
        self.driver.set_window_size(visit.width, visit.height)
        observed = []
        for step in visit.steps:
            failed = self.act(visit, step)
            reached = not failed and self.until("reached", step.expect, TIMEOUT_MS / 1000)
            if reached and step.do != "scroll":
                self.settle(step.expect)
            observed.append({**self.call("observe", step.expect), **({"error": failed} if failed else {})})
            if not reached:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                self.driver.save_screenshot(str(SCREENSHOTS / f"FAILED-webkit-{visit.name}.png"))
                break
        return {"name": visit.name, "observed": observed, **self.call("report")}

    def act(self, visit: Visit, step: Step) -> str | None:
        """Do the step; what went wrong, if anything (the visit then stops there)."""
        try:
            if step.do == "open":
                self.driver.get(visit.url + step.arg)
                if self.until("ready", None, TIMEOUT_MS / 1000):
                    self.call("install")
            elif step.do == "scroll":
                self.call("scroll", step.arg)
            elif step.do == "key":
                ActionChains(self.driver).send_keys(KEYS[step.arg]).perform()
            elif step.do == "click":
                self.click(step.arg)
        except (WebDriverException, AssertionError) as error:
            return str(error).splitlines()[0]
        return None

    def click(self, selector: str) -> None:
        """Click where the button is once it stays there, with the pointer, as a reader would."""
        box, previous = None, None
        for _ in range(40):
            box = self.call("box", selector)
            if box and box == previous:
                break
            previous = box
            time.sleep(POLL_S)
        assert box, f"nothing to click at {selector}"
        actions = ActionBuilder(self.driver)
        x, y = int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2)
        actions.pointer_action.move_to_location(x, y)  # type: ignore[no-untyped-call]  # Selenium leaves it untyped
        actions.pointer_action.click()
        actions.perform()

    def settle(self, section_id: str) -> None:
        last, still = None, 0
        for _ in range(SETTLE_POLLS):
            if still >= STILL_POLLS:
                return
            top = self.call("passage_top", section_id)
            still = still + 1 if top is not None and top == last else 0
            last = top
            time.sleep(0.1)
