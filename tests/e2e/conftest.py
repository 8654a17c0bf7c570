"""A real `streamlit run` on a free port and headless Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from storymap.model.project import load_geodata, load_project
from storymap.publish.site import build_site
from support.devserver import CHROMIUM as DEFAULT_CHROMIUM
from support.devserver import CHROMIUM_ARGS, LOCAL_HOSTS, ROOT, SCREENSHOTS, Server, serve, serve_folder

CHROMIUM = os.environ.get("STORYMAP_CHROMIUM", DEFAULT_CHROMIUM)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The app served by a real Streamlit server, stopped at the end of the session."""
    with serve() as running:
        yield running.url


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server for one test alone, which the test may pause (SIGSTOP) and resume."""
    with serve() as running:
        yield running


@pytest.fixture(scope="session")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The static edition, built into a temporary folder and served by a plain static server."""
    out = tmp_path_factory.mktemp("site")
    build_site(out, load_project(ROOT / "story", load_geodata(ROOT / "geodata")))
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def outside_requests() -> Iterator[list[str]]:
    """Every request any test page made to a host other than this machine; none are allowed."""
    seen: list[str] = []
    yield seen
    assert seen == [], f"requests left this machine: {seen[:5]}"


@pytest.fixture(scope="session")
def page_errors() -> Iterator[list[str]]:
    """Every uncaught script error in any test page; none are allowed."""
    seen: list[str] = []
    yield seen
    assert seen == [], f"pages threw: {seen[:5]}"


@pytest.fixture
def open_page(browser: Browser, outside_requests: list[str], page_errors: list[str]) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context (viewport, touch, reduced motion...), recording requests."""
    contexts: list[BrowserContext] = []

    def opener(**options: Any) -> Page:
        # The production recipe's test serves HTTPS with a certificate of its own making.
        defaults = {"viewport": {"width": 1400, "height": 900}, "ignore_https_errors": True}
        context = browser.new_context(**{**defaults, **options})
        contexts.append(context)
        new_page = context.new_page()
        new_page.on("request", lambda r: _record_outside(r.url, outside_requests))
        new_page.on("pageerror", lambda error: page_errors.append(str(error)))
        return new_page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Page], request: pytest.FixtureRequest) -> Iterator[Page]:
    new_page = open_page()
    yield new_page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        new_page.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"))


def _record_outside(url: str, seen: list[str]) -> None:
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
        seen.append(url)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
