"""axe-core's audit of a page as a reader finds it, shared by the accessibility and linking tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.reader import TIMEOUT_MS

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = {"serious", "critical"}


def wait_until_drawn(page: Page) -> None:
    """Streamlit has finished its runs and, in the app, our page styles (caption contrast, focus
    rings) are in force, not only the elements: on a loaded machine they could arrive after them,
    and CI once tabbed onto Streamlit's main before its ring's rule was there."""
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"], [data-stale="true"]\')',
        timeout=TIMEOUT_MS,
    )
    page.wait_for_function(
        """() => !document.querySelector('.stApp') || getComputedStyle(document.documentElement)
              .getPropertyValue('--storymap-page-css').trim() === 'applied'""",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(500)  # the last elements of a finished run are painted


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now, once Streamlit has finished its run."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: install axe-core (make axe)")
    wait_until_drawn(page)
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
              .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(
                  n => n.target.join(' ') + ' ' + (n.any[0] || {message: ''}).message)}))""",
        TAGS,
    )
    return found


def assert_accessible(page: Page, where: str) -> None:
    """No serious or critical violation; the others are printed with the page they are on."""
    found = axe_violations(page)
    for violation in found:
        if violation["impact"] not in FAILING:
            print(f"{where}: {violation['impact']} {violation['id']} ({len(violation['nodes'])} elements)")
    serious = [f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in found if v["impact"] in FAILING]
    assert serious == [], f"{where}: {serious}"
