"""The reader's keys, clicks and scrolling, as an in-page Streamlit component (storymap/assets/reader/,
published to the static folder as one bundle).

An in-page component (`st.components.v2`) runs in the page itself, not in an iframe, so it can
watch the page's own scrolling and keys; see the README for why we chose it. The page applies
each step itself from the published steps file (storymap/publish/steps.py) and tells Python afterwards
which section the reader is on; Python keeps the record (and, one passage at a time, sends the
passage text).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Literal

import streamlit as st

Mode = Literal["scroll", "step"]
Mover = Callable[[str], None]


@cache
def _component(script_url: str) -> Any:
    """Register the component once per script version. Its inline code only loads the real
    script from the app's static folder (which adds the reader to the page's `StoryMap`) and mounts
    it: a component's code travels with every rerun, a static file once."""
    loader = (
        "export default async function (component) {\n"
        f"  await import(new URL({script_url!r}, window.location.href).href);\n"
        "  return window.StoryMap.reader.mount(component);\n"
        "}\n"
    )
    return st.components.v2.component("storymap_reader", js=loader)


def neighbour(ids: list[str], current: str, step: str) -> str:
    """The section a step (next, prev, first, last) leads to, staying within the story."""
    index = ids.index(current)
    target = {"next": index + 1, "prev": index - 1, "first": 0, "last": len(ids) - 1}[step]
    return ids[max(0, min(len(ids) - 1, target))]


def reader(script_url: str, steps_url: str, section: str, nonce: int, key: str, on_move: Mover) -> None:
    """Mount the listener. `section` is the one Python shows; `nonce` changing asks the page to go
    there (a deep link, a mode switch, a move the page did not make itself).

    Where the page has moved reaches `on_move` in a callback, before the script runs, so this
    run already renders, and tells the page, the section Python now records.
    """

    def moved() -> None:
        value = st.session_state[key].get("section")
        if value:
            on_move(str(value))

    _component(script_url)(
        key=key,
        data={"section": section, "nonce": nonce, "steps": steps_url},
        on_section_change=moved,
    )
