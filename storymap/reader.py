"""The reader's keys and scrolling, as an in-page Streamlit component (storymap/assets/reader.js).

An in-page component (`st.components.v2`) runs in the page itself, not in an iframe, so it can
watch the page's own scrolling and keys; see the README for why we chose it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import streamlit as st

Mode = Literal["scroll", "step"]
_JS = (Path(__file__).resolve().parent / "assets" / "reader.js").read_text(encoding="utf-8")
_component = st.components.v2.component("storymap_reader", js=_JS)


@dataclass(frozen=True)
class ReaderEvent:
    """What the reader did since the last run: a step key, or scrolling onto a passage."""

    step: str | None
    section: str | None


def reader(mode: Mode, section: str, scroll_nonce: int, key: str) -> ReaderEvent:
    """Mount the listener; `scroll_nonce` changing asks the page to scroll to `section`."""
    result: Any = _component(
        key=key,
        data={"mode": mode, "section": section, "nonce": scroll_nonce},
        on_step_change=lambda: None,
        on_section_change=lambda: None,
    )
    step = getattr(result, "step", None)
    scrolled = getattr(result, "section", None)
    return ReaderEvent(step=str(step) if step else None, section=str(scrolled) if scrolled else None)
