"""A class following its teacher: how long from the teacher's key to each student's map, and what
following costs one app process.

`python -m bench.classroom [--students 6] [--steps 6] [--every 20]` starts one app server, a teacher
and N students (headless Chromium pages, each its own session) and steps the class every `--every`
seconds. It prints the median and worst time from the teacher's key to a student's map naming the
new section, and the server's CPU per following student (students ask every second), from which
it estimates how many students one process holds on one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright

from storymap.model.project import load_resolved
from support.devserver import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 60_000
MAP_SECTION = "() => document.querySelector('.leaflet-container')?.dataset.section || null"


def _map_section(page: Page) -> str | None:
    """The section the page's map names (it lives in the map's own frame)."""
    for frame in page.frames[1:]:
        value = frame.evaluate(MAP_SECTION)
        if value:
            return str(value)
    return None


def _wait_all(pages: list[Page], section: str, started: float) -> list[float]:
    """Seconds from `started` until each page's map names `section`."""
    arrived: dict[int, float] = {}
    deadline = time.perf_counter() + TIMEOUT_MS / 1000
    while len(arrived) < len(pages) and time.perf_counter() < deadline:
        for index, page in enumerate(pages):
            if index not in arrived and _map_section(page) == section:
                arrived[index] = time.perf_counter() - started
        time.sleep(0.02)
    if len(arrived) < len(pages):
        raise SystemExit(f"{len(pages) - len(arrived)} students never reached {section}")
    return list(arrived.values())


def run(students: int, steps: int, every: float) -> None:
    sections = [s.id for s in load_resolved(ROOT / "story", ROOT / "geodata").sections]
    with serve() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        teacher = browser.new_context(viewport={"width": 1366, "height": 850}).new_page()
        teacher.goto(f"{server.url}/classroom")
        teacher.get_by_role("button", name="Start a class: students follow on their own devices").click()
        heading = teacher.get_by_text("Class code:").first
        heading.wait_for(timeout=TIMEOUT_MS)
        code = heading.inner_text().split(": ")[1].strip()
        pages = [browser.new_context(viewport={"width": 390, "height": 844}).new_page() for _ in range(students)]
        for page in pages:  # one after another, as a class joins: each at the teacher's passage
            page.goto(f"{server.url}/classroom?class={code}")
            page.locator("iframe").first.scroll_into_view_if_needed(timeout=TIMEOUT_MS)  # a phone's map is below
            _wait_all([page], sections[0], time.perf_counter())
        process = psutil.Process(server.process.pid)
        cpu_before, wall_before = sum(process.cpu_times()[:2]), time.perf_counter()
        delays: list[float] = []
        for index in range(1, steps + 1):
            time.sleep(max(0.0, every - 1))
            teacher.bring_to_front()
            started = time.perf_counter()
            teacher.keyboard.press("ArrowRight")
            delays += _wait_all(pages, sections[index], started)
        cpu = sum(process.cpu_times()[:2]) - cpu_before
        wall = time.perf_counter() - wall_before
        browser.close()
    share = cpu / wall / students
    print(f"{students} students, {steps} steps every {every:.0f} s, one app process")
    print(f"teacher's key to a student's map: median {statistics.median(delays):.2f} s, worst {max(delays):.2f} s")
    print(f"server CPU per following student: {share * 100:.1f}% of a core; one core holds about {1 / share:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--every", type=float, default=20.0, help="seconds between the teacher's steps")
    args = parser.parse_args()
    run(args.students, args.steps, args.every)


if __name__ == "__main__":
    main()
