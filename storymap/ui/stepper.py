"""Stepping through a story: the page's listener for keys, clicks and scrolling, as an in-page
Streamlit component (storymap/assets/reader/, published to the static folder as one bundle), and the one
stepper the story page and the Classroom presenter share.

An in-page component (`st.components.v2`) runs in the page itself, not in an iframe, so it can
watch the page's own scrolling and keys (docs/architecture.md says why we chose it). The page applies
each step itself from the published steps file (storymap/publish/steps.py) and tells Python afterwards
which section the reader is on; Python keeps the record (and, one passage at a time, sends the
passage text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import streamlit as st

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.render.panels import progress_html

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


@dataclass(frozen=True)
class Stepper:
    """Where one stepped story is in this session, kept under its own session keys, so the story
    page and the Classroom presenter step alike without sharing a place.

    Python records the section; the page moves first (keys, clicks, scrolling) and reports, and
    a move Python makes itself (a deep link, a button in AppTest, a click before the page's script
    has loaded) bumps the nonce, which asks the page to follow.
    """

    story: ResolvedStory
    key: str  # the listener's key; the section and the nonce live under keys derived from it
    url_key: str | None = None  # where the section last written to `?section=` is kept, if any

    @property
    def ids(self) -> list[str]:
        return self.story.section_ids()

    @property
    def section_id(self) -> str:
        return str(st.session_state[f"{self.key}_section"])

    @property
    def section(self) -> ResolvedSection:
        return self.story.sections[self.ids.index(self.section_id)]

    @property
    def started(self) -> bool:
        return f"{self.key}_section" in st.session_state

    def start(self, section_id: str) -> None:
        """Set the first section of a visit."""
        st.session_state[f"{self.key}_section"] = section_id

    def go(self, section_id: str) -> None:
        """Python's move to a section, which the page is asked to follow."""
        st.session_state[f"{self.key}_section"] = section_id
        self.request()

    def step(self, step: str) -> None:
        """Python's step (next, prev, first, last)."""
        self.go(neighbour(self.ids, self.section_id, step))

    def request(self) -> None:
        """Ask the page to go (or scroll) to the recorded section."""
        nonce = f"{self.key}_nonce"
        st.session_state[nonce] = st.session_state.get(nonce, 0) + 1

    def record(self, section_id: str) -> None:
        """A section the page has moved to by itself; an id not in the story is ignored."""
        if section_id in self.ids:
            st.session_state[f"{self.key}_section"] = section_id
            if self.url_key:
                st.session_state[self.url_key] = section_id  # the page has put it in the URL already

    def listen(self, script_url: str, steps_url: str) -> None:
        """Mount the page's listener, told the recorded section and the latest request."""
        nonce = st.session_state.get(f"{self.key}_nonce", 0)
        reader(script_url, steps_url, self.section_id, nonce, self.key, self.record)

    def buttons(self, labels: tuple[str, str], widths: list[float], hints: tuple[str, str] | None = None) -> list[Any]:
        """Previous, the count and Next, in the first three of `widths`' columns; the rest are
        returned for the caller. In the browser the page handles the buttons itself, at once."""
        index = self.ids.index(self.section_id)
        prev_col, count_col, next_col, *rest = st.columns(widths, vertical_alignment="center")
        prev_help, next_help = hints or (None, None)
        prev_col.button(
            labels[0],
            key="step-prev",
            on_click=self.step,
            args=("prev",),
            disabled=index == 0,
            width="stretch",
            help=prev_help,
        )
        count_col.html(progress_html(index, len(self.ids), templates=self.story.meta.template_dir))
        next_col.button(
            labels[1],
            key="step-next",
            on_click=self.step,
            args=("next",),
            disabled=index == len(self.ids) - 1,
            width="stretch",
            help=next_help,
        )
        return rest
