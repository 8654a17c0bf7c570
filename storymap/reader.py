"""The reader's keys and scrolling, as an in-page Streamlit component (storymap/assets/reader.js,
published to the static folder).

An in-page component (`st.components.v2`) runs in the page itself, not in an iframe, so it can
watch the page's own scrolling and keys; see the README for why we chose it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import streamlit as st

Mode = Literal["scroll", "step"]


@cache
def _component(script_url: str) -> Any:
    """Register the component once per script version. Its inline code only imports the real
    script from the app's static folder: a component's code travels with every rerun, a static
    file once."""
    loader = (
        "export default async function (component) {\n"
        f"  const reader = await import(new URL({script_url!r}, window.location.href).href);\n"
        "  return reader.default(component);\n"
        "}\n"
    )
    return st.components.v2.component("storymap_reader", js=loader)


def neighbour(ids: list[str], current: str, step: str) -> str:
    """The section a step (next, prev, first, last) leads to, staying within the story."""
    index = ids.index(current)
    target = {"next": index + 1, "prev": index - 1, "first": 0, "last": len(ids) - 1}[step]
    return ids[max(0, min(len(ids) - 1, target))]


@dataclass(frozen=True)
class ReaderEvent:
    """What the reader did since the last run: a step key, or scrolling onto a passage."""

    step: str | None
    section: str | None


def reader(script_url: str, mode: Mode, section: str, scroll_nonce: int, key: str) -> ReaderEvent:
    """Mount the listener; `scroll_nonce` changing asks the page to scroll to `section`."""
    result: Any = _component(script_url)(
        key=key,
        data={"mode": mode, "section": section, "nonce": scroll_nonce},
        on_step_change=lambda: None,
        on_section_change=lambda: None,
    )
    step = getattr(result, "step", None)
    scrolled = getattr(result, "section", None)
    return ReaderEvent(step=str(step) if step else None, section=str(scrolled) if scrolled else None)
