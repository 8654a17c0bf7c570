"""The reader in Firefox and WebKit, the engines of many readers' browsers (and of every iPhone).

Each engine walks the live app and the static edition, at a desktop and a phone size, in one
browser session (and one more with reduced motion, a browser-wide setting): it scrolls to every
passage, presses ← and →, clicks Previous and Next, and opens a deep link. The expected sections
come from story/story.yaml alone. Each step's observation is what the page showed: the map
container's `data-section`, the status line, the URL, the marked passage and where it sits.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from support.devserver import LOCAL_HOSTS, ROOT
from tests.e2e.engines import (
    FIREFOX,
    FIREFOX_REDUCED_MOTION,
    MINIBROWSER,
    NEXT,
    PREVIOUS,
    PUPPETEER,
    WEBKIT_DRIVER,
    Step,
    Visit,
    run_firefox,
    run_webkit,
)

SIZES = {"desktop": (1366, 850), "phone": (390, 844)}
EDITIONS = ("app", "site")
DEEP = 8  # the deep link's section, by its place in the story


def story_ids() -> list[str]:
    """The sections in reading order, as the story file lists them."""
    return [section["id"] for section in yaml.safe_load((ROOT / "story" / "story.yaml").read_text())["sections"]]


IDS = story_ids()
# After scrolling to the end: ← ← →, then Previous and Next, which a phone shows one passage at a
# time only (scrolling, its screen has room for the pinned map alone).
KEYS = (
    Step("key", "ArrowLeft", IDS[-2]),
    Step("key", "ArrowLeft", IDS[-3]),
    Step("key", "ArrowRight", IDS[-2]),
)
BUTTONS = (Step("click", PREVIOUS, IDS[-3]), Step("click", NEXT, IDS[-2]))
FIRST_NEXT = (Step("open", "/", IDS[0]), Step("click", NEXT, IDS[1]))
ONE_AT_A_TIME = (
    Step("open", "/?mode=step", IDS[0]),
    Step("click", NEXT, IDS[1]),
    Step("click", NEXT, IDS[2]),
    Step("click", PREVIOUS, IDS[1]),
)


def reading_visits(edition: str, url: str) -> list[Visit]:
    """At each size: the whole story by scrolling, then keys and buttons, and a deep link; on a
    phone, the app's buttons one passage at a time."""
    visits = []
    for size, (width, height) in SIZES.items():
        scrolls = tuple(Step("scroll", i, i) for i in IDS[1:])
        steps = (Step("open", "/", IDS[0]), *scrolls, *KEYS, *(BUTTONS if size == "desktop" else ()))
        visits.append(Visit(f"{edition}-{size}", url, width, height, steps))
        deep = Step("open", f"/?section={IDS[DEEP]}", IDS[DEEP])
        visits.append(Visit(f"{edition}-{size}-deep-link", url, width, height, (deep,)))
        if size == "phone" and edition == "app":
            visits.append(Visit(f"{edition}-{size}-step", url, width, height, ONE_AT_A_TIME))
    return visits


def reduced_visits(urls: dict[str, str]) -> list[Visit]:
    """One step by Next in each edition, for a reader who asked for reduced motion."""
    width, height = SIZES["desktop"]
    return [Visit(f"{edition}-reduced", url, width, height, FIRST_NEXT) for edition, url in urls.items()]


def _check_installed(engine: str) -> None:
    needed = {"firefox": (FIREFOX, PUPPETEER), "webkit": (WEBKIT_DRIVER, MINIBROWSER, Path("/usr/bin/Xvfb"))}[engine]
    missing = [str(path) for path in needed if not Path(path).exists()]
    if missing:
        pytest.fail(f"missing for {engine}: {missing} (make engines)")


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def walked(request: pytest.FixtureRequest, server: str, static_site: str) -> dict[str, Any]:
    """Everything one engine observed: the reading session and the reduced-motion session."""
    engine = str(request.param)
    _check_installed(engine)
    urls = {"app": server, "site": static_site}
    visits = [v for edition, url in urls.items() for v in reading_visits(edition, url)]
    started = time.monotonic()
    if engine == "firefox":
        normal, reduced = run_firefox(visits), run_firefox(reduced_visits(urls), prefs=FIREFOX_REDUCED_MOTION)
    else:
        normal, reduced = run_webkit(visits), run_webkit(reduced_visits(urls), reduced_motion=True)
    print(f"{engine} ({normal['browser']}): {time.monotonic() - started:.1f} s")
    return {"engine": engine, "normal": normal, "reduced": reduced}


def _visit(walked: dict[str, Any], name: str, session: str = "normal") -> dict[str, Any]:
    """What the engine observed in one visit, every step of which could be done."""
    found = [v for v in walked[session]["visits"] if v["name"] == name]
    assert found, f"{walked['engine']} never walked {name}"
    failed = [o["error"] for o in found[0]["observed"] if "error" in o]
    assert failed == [], f"{walked['engine']}, {name}: a step could not be done"
    return dict(found[0])


def _leaves_the_machine(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS


def _readings(observed: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Per step, the section named by the map's container, the status line, the URL and the marked passage."""
    return {key: [o.get(key) for o in observed] for key in ("map", "status", "url", "active")}


def _on_screen(observation: dict[str, Any]) -> bool:
    """Whether the passage the reader should be reading is in the part of the screen text can use."""
    box, text = observation["passage"], observation["text"]
    return bool(box) and box["bottom"] > text["top"] + 20 and box["top"] < text["bottom"] - 20


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_scrolling_brings_up_every_section_in_order(walked: dict[str, Any], edition: str, size: str) -> None:
    observed = _visit(walked, f"{edition}-{size}")["observed"][: len(IDS)]
    assert observed[0]["size"] == list(SIZES[size]), "the window is not the size asked for"
    for key, seen in _readings(observed).items():
        assert seen == IDS, f"{walked['engine']}: {key} while scrolling"
    changes = [section for o in observed for section in o["sections"]]
    assert changes == IDS, f"{walked['engine']}: the map's sections, in the order it showed them"
    hidden = [i for i, o in zip(IDS[1:], observed[1:], strict=True) if not _on_screen(o)]
    assert hidden == [], "passages scrolled to but not on screen"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_keys_and_buttons_step_and_scroll_to_the_passage(walked: dict[str, Any], edition: str, size: str) -> None:
    steps = KEYS + (BUTTONS if size == "desktop" else ())
    observed = _visit(walked, f"{edition}-{size}")["observed"][len(IDS) :]
    expected = [step.expect for step in steps]
    for key, seen in _readings(observed).items():
        assert seen == expected, f"{walked['engine']}: {key} after {[s.arg for s in steps]}"
    assert [o["sections"] for o in observed] == [[e] for e in expected], "the map showed other sections on the way"
    hidden = [e for e, o in zip(expected, observed, strict=True) if not _on_screen(o)]
    assert hidden == [], "the page did not bring the passage on screen"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_deep_link_opens_and_scrolls_to_its_section(walked: dict[str, Any], edition: str, size: str) -> None:
    [observation] = _visit(walked, f"{edition}-{size}-deep-link")["observed"]
    expected = IDS[DEEP]
    assert _readings([observation]) == {key: [expected] for key in ("map", "status", "url", "active")}
    assert _on_screen(observation), "the page did not scroll to the linked passage"


def test_one_passage_at_a_time_on_a_phone(walked: dict[str, Any]) -> None:
    observed = _visit(walked, "app-phone-step")["observed"]
    expected = [step.expect for step in ONE_AT_A_TIME]
    for key in ("map", "status", "url"):
        assert _readings(observed)[key] == expected, f"{walked['engine']}: {key} after Next, Next, Previous"
    assert [s for o in observed for s in o["sections"]] == expected
    hidden = [e for e, o in zip(expected[1:], observed[1:], strict=True) if not _on_screen(o)]
    assert hidden == [], "the passage shown after a press is not on screen"


@pytest.mark.parametrize("edition", EDITIONS)
def test_reduced_motion_jumps_where_others_glide(walked: dict[str, Any], edition: str) -> None:
    engine = walked["engine"]
    glide = _visit(walked, f"{edition}-desktop")["observed"][-1]  # Next, by a reader who has motion
    assert not glide["reduced"]
    assert set(glide["scrolls"]) == {"smooth"}, f"{engine}: with motion, Next glides to the passage"
    assert "flight" in glide["moves"], f"{engine}: with motion, the map flies to the section"
    opened, step = _visit(walked, f"{edition}-reduced", "reduced")["observed"]
    assert opened["reduced"], f"{engine} did not report prefers-reduced-motion: reduce"
    assert _readings([step]) == {key: [IDS[1]] for key in ("map", "status", "url", "active")}
    assert set(step["scrolls"]) == {"auto"}, f"{engine}: with reduced motion, Next jumps to the passage"
    assert set(step["moves"]) == {"jump"}, f"{engine}: with reduced motion, the map jumps to the section"


def test_no_page_errors_and_no_requests_to_other_hosts(walked: dict[str, Any]) -> None:
    sessions = [walked["normal"], walked["reduced"]]
    visits = [v for s in sessions for v in s["visits"]]
    errors = [e for s in sessions for e in s["page_errors"]] + [e for v in visits for e in v["errors"]]
    assert errors == [], f"{walked['engine']}: pages threw"
    assert all(len(v["resources"]) > 2 for v in visits), "resource timing saw nothing"
    addresses = [u for s in sessions for u in s["requests"]] + [u for v in visits for u in v["resources"]]
    outside = [u for u in addresses if _leaves_the_machine(u)]
    assert outside == [], f"{walked['engine']}: requests left this machine"
